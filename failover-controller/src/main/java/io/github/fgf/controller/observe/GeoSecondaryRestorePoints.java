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

    public GeoSecondaryRestorePoints(Topology topology) {
        this.topology = topology;
        this.observer = RestorePointObserver.ofPrimary(topology);
    }

    @Override
    public RestorePointObserver.Observation observe() {
        return observer.observe();
    }

    @Override
    public Map<PartitionKey, Long> sourceOffsets(String path) {
        var known = observer.offsets(path);
        if (known.isPresent()) return known.get();
        SnapshotUri uri = SnapshotUri.parse(path);
        var report = new Inspector(new SnapshotReader(SnapshotStore.forUri(uri)),
                new OperatorNames(List.of(topology.primary().namespace()))).inspect(uri);
        Map<PartitionKey, Long> offsets = new TreeMap<>();
        report.sourceOffsets().forEach(s -> offsets.put(PartitionKey.of(s.topic(), s.partition()), s.nextOffset()));
        return offsets;
    }
}
