package io.github.fgf.controller.observe;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.statetools.action.Inspector;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link RestorePoints} read with state-tools from the primary account's geo-secondary copy. One
 * observer for the instance's life, so each savepoint is read once: by the watch loop's
 * observations, and the failover's choice then reuses what they read (see {@link RestorePointObserver}).
 */
public final class GeoSecondaryRestorePoints implements RestorePoints {

    private final Topology topology;
    private final RestorePointObserver observer;
    private final java.util.Optional<RestorePointObserver> shipped;
    private final java.util.concurrent.atomic.AtomicReference<String> lastShippedProblem = new java.util.concurrent.atomic.AtomicReference<>("");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GeoSecondaryRestorePoints.class);

    public GeoSecondaryRestorePoints(Topology topology) {
        this.topology = topology;
        this.observer = RestorePointObserver.ofPrimary(topology);
        this.shipped = topology.primary().storage().shipsCheckpoints()
                ? java.util.Optional.of(RestorePointObserver.ofShipped(topology)) : java.util.Optional.empty();
    }

    /** Savepoints in the geo-secondary copy and, when the topology ships them, checkpoints in the secondary's storage. */
    @Override
    public RestorePointObserver.Observation observe() {
        if (shipped.isEmpty()) return observer.observe();
        RestorePointObserver.Observation savepoints;
        try {
            savepoints = observer.observe();
        } catch (RuntimeException e) {
            // Shipped checkpoints need neither the geo-secondary copy nor its Last Sync Time: offer them alone.
            LOG.warn("Savepoints unobservable in the geo-secondary copy, choosing among shipped checkpoints only: {}", e.getMessage());
            return new RestorePointObserver.Observation(shipped.get().observe().candidates(), java.time.Instant.EPOCH, java.time.Instant.now());
        }
        List<io.github.fgf.controller.decide.RestorePointCandidate> all = new java.util.ArrayList<>(savepoints.candidates());
        try {
            all.addAll(shipped.get().observe().candidates());
        } catch (RuntimeException e) {
            // Shipped checkpoints are the fast path, never the only one: fall back to the savepoints, and say why.
            String why = String.valueOf(e.getMessage());
            if (!why.equals(lastShippedProblem.getAndSet(why))) {
                LOG.warn("Shipped checkpoints unobservable, choosing among savepoints only: {}", why);
            }
            return savepoints;
        }
        lastShippedProblem.set("");
        all.sort(java.util.Comparator.comparing(io.github.fgf.controller.decide.RestorePointCandidate::completedAt)
                .thenComparing(io.github.fgf.controller.decide.RestorePointCandidate::path));
        return new RestorePointObserver.Observation(all, savepoints.lastSyncTime(), savepoints.observedAt());
    }

    @Override
    public Map<PartitionKey, Long> sourceOffsets(String path) {
        var known = observer.offsets(path).or(() -> shipped.flatMap(s -> s.offsets(path)));
        if (known.isPresent()) return known.get();
        SnapshotUri uri = SnapshotUri.parse(path);
        var report = new Inspector(new SnapshotReader(SnapshotStore.forUri(uri)),
                new OperatorNames(List.of(topology.primary().namespace()))).inspect(uri);
        Map<PartitionKey, Long> offsets = new TreeMap<>();
        report.sourceOffsets().forEach(s -> offsets.put(PartitionKey.of(s.topic(), s.partition()), s.nextOffset()));
        return offsets;
    }
}
