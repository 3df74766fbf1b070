package io.github.fgf.controller.act;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.decide.RestorePointSelector;
import io.github.fgf.controller.observe.RestorePointObserver;
import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.controller.observe.GeoSecondaryRestorePoints;
import io.github.fgf.controller.observe.RestorePoints;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.JobId;
import io.github.fgf.flinkclient.JobState;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.flinkclient.SavepointFormat;
import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.Pruner;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.PruneReport;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic NATIVE savepoints of the primary's running job, pruned by count and age. The newest
 * restorable savepoint (replicated and verified on the secondary) is never deleted, even when
 * newer ones exist: they may not have replicated yet.
 */
public final class SavepointScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(SavepointScheduler.class);
    private final Topology topology;
    private final FlinkClients flink;
    private Instant last = Instant.EPOCH;

    private final RestorePoints restorePoints;

    public SavepointScheduler(Topology topology) {
        this(topology, FlinkClients.rest(), new GeoSecondaryRestorePoints(topology));
    }

    public SavepointScheduler(Topology topology, FlinkClients flink, RestorePoints restorePoints) {
        this.topology = topology;
        this.flink = flink;
        this.restorePoints = restorePoints;
    }

    /** The outcome of one savepoint: where it went and what pruning deleted. */
    public record Result(String savepoint, PruneReport pruned, Optional<String> protectedRestorePoint) {}

    public boolean due(Instant now) {
        return !now.isBefore(last.plus(topology.policy().savepointInterval()));
    }

    public Result takeAndPrune(Instant now) throws Exception {
        Topology.Region a = topology.primary();
        FlinkClient cluster = flink.of(a);
        JobId job = cluster.jobs().stream().filter(j -> j.state() == JobState.RUNNING).map(JobSummary::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running job in " + a.name() + " to savepoint"));
        String savepoint = cluster.triggerSavepoint(job, a.storage().savepoints(), SavepointFormat.NATIVE, Duration.ofMinutes(5));
        last = now;
        LOG.info("Savepoint {} taken: every {} per policy", savepoint, topology.policy().savepointInterval());
        Optional<String> restorable = newestRestorable();
        SnapshotUri dir = SnapshotUri.parse(a.storage().savepoints());
        SnapshotReader reader = new SnapshotReader(SnapshotStore.forUri(dir));
        PruneReport pruned = new Pruner(new Catalog(reader), reader.store()).prune(dir, topology.policy().savepointRetention(),
                Optional.of(topology.policy().savepointMaxAge()), false, now, restorable.map(Set::of).orElse(Set.of()));
        return new Result(savepoint, pruned, restorable);
    }

    /** The primary-side path of the savepoint a failover would choose now, if any. */
    Optional<String> newestRestorable() {
        RestorePointObserver.Observation o = restorePoints.observe();
        var savepoints = o.candidates().stream()
                .filter(c -> c.kind() == io.github.fgf.controller.decide.RestorePointCandidate.Kind.SAVEPOINT).toList();
        return RestorePointSelector.newestRestorable(savepoints, o.lastSyncTime()).map(c -> primaryPath(c.path()));
    }

    /** Maps a path in the secondary copy to the same savepoint in the primary location. */
    String primaryPath(String secondaryPath) {
        return topology.primary().storage().primaryCopyOf(secondaryPath);
    }
}
