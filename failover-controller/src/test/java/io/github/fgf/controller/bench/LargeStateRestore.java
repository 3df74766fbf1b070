package io.github.fgf.controller.bench;

import static io.github.fgf.controller.bench.BenchTable.f1;
import static io.github.fgf.controller.bench.BenchTable.mb;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.statetools.action.Shipper;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.ShipReport;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Restore at state sizes the benchmark's input cannot reach in reasonable time (a million events
 * make about 20 MB): the dedup state is bootstrapped ({@link DedupStateBootstrap}), restored into
 * the primary's job, checkpointed there (the first checkpoint after a canonical restore uploads every
 * file), shipped into the secondary's container as watch ships it, and restored from the shipped copy
 * as a failover restores. The keys for a size come from the bytes per key the previous size measured.
 */
final class LargeStateRestore {

    /** RocksDB's bytes per dedup key (UUID ids, TTL) before the first size has measured it: 44-45 measured here. */
    private static final double FIRST_BYTES_PER_KEY = 45;
    static final String COST = "Checkpoint, shipment and canonical restore at bootstrapped state sizes";

    private final BenchTable table;
    private final LocalRegions regions;
    private final RestoreBench restore;
    private final Path dir;

    LargeStateRestore(BenchTable table, LocalRegions regions, RestoreBench restore, Path dir) {
        this.table = table;
        this.regions = regions;
        this.restore = restore;
        this.dir = dir;
    }

    void run(List<Long> targetMegabytes) throws Exception {
        double bytesPerKey = FIRST_BYTES_PER_KEY;
        for (long targetMb : targetMegabytes) {
            long keys = (long) (targetMb * 1e6 / bytesPerKey);
            String label = "~" + targetMb + " MB (" + keys + " dedup keys, bootstrapped)";
            Path savepoint = dir.resolve("bootstrap-" + targetMb);
            long t0 = System.nanoTime();
            DedupStateBootstrap.write(keys, savepoint, Duration.ofHours(6));
            double bootstrapSeconds = (System.nanoTime() - t0) / 1e9;

            Environment env = regions.environment();
            Environment.Region a = env.region("primary");
            long t1 = System.nanoTime();
            JobRun job = JobRun.submit(regions, "primary", "bench-in", "bench-large-" + targetMb, Duration.ofSeconds(10),
                    a.storage().checkpointsUri() + "-large", savepoint.toUri().toString(), "latest");
            while (!job.allTasksRunning() && System.nanoTime() - t1 < Duration.ofMinutes(30).toNanos()) Thread.sleep(200);
            double canonicalRestore = (System.nanoTime() - t1) / 1e9;
            JsonNode latest = job.latestCheckpoint(Duration.ofMinutes(30));
            JsonNode c = firstCompleted(job, latest);
            long stateBytes = latest.path("state_size").asLong();
            // the latest references every file, so it is the one to ship; the first one is the one that uploaded them all
            SnapshotUri chk = SnapshotUri.parse(latest.path("external_path").asText());
            SnapshotUri target = SnapshotUri.parse(env.region("secondary").storage().uri() + "bench-large-shipped");
            ShipReport shipped = new Shipper(new SnapshotReader(SnapshotStore.forUri(chk)), SnapshotStore.forUri(target))
                    .ship(chk, target, Optional.empty());
            job.cancel();
            bytesPerKey = stateBytes / (double) keys;

            table.info(COST, label + ": bootstrap (State Processor API, local, parallelism 2)", f1(bootstrapSeconds) + " s");
            table.info(COST, label + ": canonical savepoint restored into the primary (submit to every task RUNNING)",
                    f1(canonicalRestore) + " s");
            table.info(COST, label + ": first checkpoint after it (" + c.path("id").asLong() + ": every file new)", mb(stateBytes) + " full state, "
                    + mb(c.path("checkpointed_size").asLong()) + " uploaded in " + f1(c.path("end_to_end_duration").asLong() / 1000.0) + " s");
            table.info(COST, label + ": its shipment (server-side copy within the Azurite account)",
                    mb(shipped.bytesCopied()) + " in " + f1(shipped.millis() / 1000.0) + " s");
            table.info(COST, label + ": RocksDB bytes per dedup key", f1(bytesPerKey));
            restore.restore(label, shipped.target(), "bench-restore-" + targetMb,
                    Optional.of(new DedupStateBootstrap.EventIdOf().getKey(keys / 2)));
            deleteTree(savepoint);
        }
    }

    /** The job's first completed checkpoint (the one after the restore that uploads every file), from its history. */
    private static JsonNode firstCompleted(JobRun job, JsonNode fallback) throws Exception {
        JsonNode first = fallback;
        for (JsonNode h : job.flink.get("/jobs/" + job.jobId + "/checkpoints").path("history")) {
            if ("COMPLETED".equals(h.path("status").asText()) && h.path("id").asLong() < first.path("id").asLong()) first = h;
        }
        return first;
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!java.nio.file.Files.exists(p)) return;
        try (var walk = java.nio.file.Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(f);
        }
    }
}
