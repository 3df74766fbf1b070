package io.github.fgf.controller.bench;

import static io.github.fgf.controller.bench.BenchTable.f1;
import static io.github.fgf.controller.bench.BenchTable.mb;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.ReferencedFile;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.read.StateHandles;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.testing.Events;
import io.github.fgf.testing.Hubs;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Restore time of the benchmark's final state in the secondary, from its shipped checkpoint in
 * Azurite: submit to every task RUNNING (state restored), and to the first output (a clock event
 * closes the restored windows); the restore's bytes per second beside the storage's measured read
 * bandwidth (the same files, read by one stream).
 */
final class RestoreBench {

    private final BenchTable table;
    private final LocalRegions regions;
    private final RtoRpoBenchmark.ShipLoop ships;
    private final Hubs hubs;

    RestoreBench(BenchTable table, LocalRegions regions, RtoRpoBenchmark.ShipLoop ships, Hubs hubs) {
        this.table = table;
        this.regions = regions;
        this.ships = ships;
        this.hubs = hubs;
    }

    void run() throws Exception {
        String R = "Restore time against state size (from a shipped checkpoint in Azurite, into the secondary's Flink)";
        SnapshotUri chk = SnapshotUri.parse(ships.lastShipped);
        SnapshotReader reader = new SnapshotReader(SnapshotStore.forUri(chk));
        var loaded = reader.load(chk);
        Map<String, ReferencedFile> unique = new java.util.LinkedHashMap<>();
        StateHandles.files(loaded.dir(), loaded.metadata(), new OperatorNames(List.of())::name).forEach(f -> unique.putIfAbsent(f.uri(), f));
        List<ReferencedFile> files = List.copyOf(unique.values());
        long stateBytes = files.stream().mapToLong(ReferencedFile::expectedSize).sum();

        long t0 = System.nanoTime();
        long read = 0;
        for (ReferencedFile f : files) {
            try (InputStream in = reader.store().open(chk.sibling(f.uri()))) {
                read += in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;

        String out = "bench-in-out";
        long before = System.currentTimeMillis();
        long t1 = System.nanoTime();
        // the output hub holds the earlier runs' windows: only records written after this submit count
        JobRun restored = JobRun.submit(regions, "secondary", "bench-in", "bench-restore", Duration.ofSeconds(10),
                regions.environment().region("secondary").storage().checkpointsUri() + "-bench", ships.lastShipped, "latest");
        while (!restored.allTasksRunning() && System.nanoTime() - t1 < Duration.ofMinutes(10).toNanos()) Thread.sleep(100);
        double running = (System.nanoTime() - t1) / 1e9;
        // A clock event far ahead on every partition: the restored windows close and the job writes them.
        long at = System.currentTimeMillis() + 10 * 60_000;
        for (int p = 0; p < 4; p++) hubs.produce("bench-in", p, List.of(Events.event("bench-clock-" + p, "zz-clock", at, Map.of("t", 1.0))));
        List<Hubs.Read> first = hubs.readUntil(out, r -> r.stream().anyMatch(x -> x.timestamp() >= before), Duration.ofMinutes(5));
        double firstOutput = (first.stream().filter(x -> x.timestamp() >= before).mapToLong(Hubs.Read::timestamp).min()
                .orElseThrow() - before) / 1000.0;
        restored.cancel();

        table.info(R, "state restored (files the checkpoint references)", mb(stateBytes) + " in " + files.size() + " files");
        table.info(R, "submit to every task RUNNING (state restored)", f1(running) + " s = " + mb((long) (stateBytes / running)) + "/s");
        table.info(R, "submit to the first output (after a clock event)", f1(firstOutput) + " s");
        table.info(R, "storage read bandwidth (the same files, one stream)", mb((long) (read / readSeconds)) + "/s");
        table.note(R, "Only the state size this run's events give was measured: a million events make about 20 MB, so 1 GB"
                + " needs about fifty times the events (`-Dbench.events`), hours at the job's rate on this machine.");
    }
}
