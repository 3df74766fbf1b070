package io.github.fgf.controller.bench;

import static io.github.fgf.controller.bench.BenchTable.f1;
import static io.github.fgf.controller.bench.BenchTable.f2;
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
 * Restore time of one shipped checkpoint in the secondary, from Azurite, as a failover restores:
 * submit to every task RUNNING (state restored), and to the first output (a probe event per
 * partition, then a clock event far ahead closes its window and any restored ones); the restore's
 * bytes per second beside the storage's measured read bandwidth (the same files, read by one stream).
 */
final class RestoreBench {

    static final String TABLE = "Restore time against state size (from a shipped checkpoint in Azurite, into the secondary's Flink)";

    private final BenchTable table;
    private final LocalRegions regions;
    private final Hubs hubs;

    RestoreBench(BenchTable table, LocalRegions regions, Hubs hubs) {
        this.table = table;
        this.regions = regions;
        this.hubs = hubs;
    }

    /**
     * Restores {@code shipped} under {@code jobName} and adds its rows, each starting with {@code label}. With
     * {@code seenEventId}, an event id the restored dedup state holds: an event carrying it must be dropped, which
     * shows the state was restored and not merely the job started.
     */
    void restore(String label, String shipped, String jobName, java.util.Optional<String> seenEventId) throws Exception {
        SnapshotUri chk = SnapshotUri.parse(shipped);
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
        JobRun restored = JobRun.submit(regions, "secondary", "bench-in", jobName, Duration.ofSeconds(10),
                regions.environment().region("secondary").storage().checkpointsUri() + "-bench", shipped, "latest");
        while (!restored.allTasksRunning() && System.nanoTime() - t1 < Duration.ofMinutes(30).toNanos()) Thread.sleep(100);
        double running = (System.nanoTime() - t1) / 1e9;
        // A probe event now and a clock event far ahead on every partition: the probe's window (and any restored one)
        // closes and the job writes it. A restored state of dedup keys alone holds no window to close. Sent every two
        // seconds until an output arrives: the source resolves "latest" at a moment RUNNING does not tell.
        String seenDevice = "zz-seen-" + jobName;
        List<Hubs.Read> first = List.of();
        for (int round = 0; first.stream().noneMatch(x -> x.timestamp() >= before) && round < 150; round++) {
            long now = System.currentTimeMillis();
            for (int p = 0; p < 4; p++) {
                List<Events.Line> batch = new java.util.ArrayList<>();
                batch.add(Events.event(jobName + "-probe-" + p + "-" + round, "zz-probe-" + p, now, Map.of("t", 1.0)));
                if (p == 0 && seenEventId.isPresent()) batch.add(Events.event(seenEventId.get(), seenDevice, now, Map.of("t", 1.0)));
                batch.add(Events.event(jobName + "-clock-" + p + "-" + round, "zz-clock", now + 10 * 60_000, Map.of("t", 1.0)));
                hubs.produce("bench-in", p, batch);
            }
            first = hubs.readUntil(out, r -> r.stream().anyMatch(x -> x.timestamp() >= before), Duration.ofSeconds(2));
        }
        double firstOutput = (first.stream().filter(x -> x.timestamp() >= before).mapToLong(Hubs.Read::timestamp).min()
                .orElseThrow(() -> new IllegalStateException(jobName + " wrote no output within 5 minutes")) - before) / 1000.0;
        // Every probe's window is out once all four are; the seen event's window would be among them.
        List<Hubs.Read> all = hubs.readUntil(out, r -> java.util.stream.IntStream.range(0, 4)
                .allMatch(p -> r.stream().anyMatch(x -> x.timestamp() >= before && x.value().contains("\"zz-probe-" + p + "\""))),
                Duration.ofMinutes(1));
        boolean seenDropped = all.stream().noneMatch(x -> x.value().contains(seenDevice));
        restored.cancel();

        double restoreRate = stateBytes / running;
        double readRate = read / readSeconds;
        table.info(TABLE, label + ": state restored (files the checkpoint references)", mb(stateBytes) + " in " + files.size() + " files");
        table.info(TABLE, label + ": submit to every task RUNNING (state restored)", f1(running) + " s = " + mb((long) restoreRate) + "/s");
        table.info(TABLE, label + ": submit to the first output", f1(firstOutput) + " s");
        table.info(TABLE, label + ": storage read bandwidth (the same files, one stream)", mb((long) readRate) + "/s");
        table.info(TABLE, label + ": restore rate / read bandwidth", f2(restoreRate / readRate));
        if (seenEventId.isPresent()) {
            table.info(TABLE, label + ": an event whose id the restored state holds is dropped", seenDropped ? "yes" : "**no: state not restored**");
        }
    }
}
