package io.github.fgf.controller.bench;

import static io.github.fgf.controller.bench.BenchTable.f1;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.decide.RestorePointDecision;
import io.github.fgf.controller.decide.RestorePointSelector;
import io.github.fgf.controller.observe.GeoSecondaryRestorePoints;
import io.github.fgf.controller.observe.RestorePointObserver;
import io.github.fgf.controller.testing.FileTopology;
import io.github.fgf.controller.testing.SyntheticCheckpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Restore-point selection over many snapshots: N shipped checkpoints (incremental-shaped, on
 * file://) observed by the controller's real observer (list, read each _metadata, verify every
 * file) and chosen by the selector; then again, as the watch loop does, from what it has read.
 */
final class SelectionBench {

    private final BenchTable table;
    private final Path dir;

    SelectionBench(BenchTable table, Path dir) {
        this.table = table;
        this.dir = dir.resolve("selection");
    }

    void run(int n) throws Exception {
        String S = "Restore-point selection over " + n + " snapshots";
        Topology t = FileTopology.write(dir);
        SyntheticCheckpoints chk = new SyntheticCheckpoints(dir.resolve("b/shipped"), "job1");
        Instant t0 = Instant.now().minusSeconds(n);
        for (int i = 1; i <= n; i++) chk.write(i, List.of("s" + (i / 10), "s" + (i / 10 + 1)), t0.plusSeconds(i));
        GeoSecondaryRestorePoints points = new GeoSecondaryRestorePoints(t);
        long s = System.nanoTime();
        RestorePointObserver.Observation cold = points.observe();
        double coldMs = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        RestorePointDecision d = RestorePointSelector.select(cold.candidates(), cold.lastSyncTime(), Instant.now(), Duration.ofHours(2), false);
        double selectMs = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        RestorePointObserver.Observation warm = points.observe();
        double warmMs = (System.nanoTime() - s) / 1e6;
        if (d.refused() || warm.candidates().size() != n) throw new IllegalStateException("selection failed: " + d.reason());
        table.info(S, "first observation (list, read and verify every one)", f1(coldMs) + " ms");
        table.info(S, "the selector's decision over them", f1(selectMs) + " ms");
        table.info(S, "a later observation (reads only what changed; what failover's choose does)", f1(warmMs) + " ms");
        table.note(S, "On file:// (the observer's reading code is the same on Blob storage, where the listing is one request per"
                + " 5,000 blobs and the _metadata reads run 8 at a time: `bin/benchmark-probe-round` measures that with real savepoints).");
    }
}
