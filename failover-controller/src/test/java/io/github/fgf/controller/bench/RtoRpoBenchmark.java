package io.github.fgf.controller.bench;

import static io.github.fgf.controller.bench.BenchTable.f1;
import static io.github.fgf.controller.bench.BenchTable.f2;
import static io.github.fgf.controller.bench.BenchTable.mb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.statetools.action.Shipper;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.ShipReport;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.testing.Hubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not in CI: {@code bin/benchmark-rto-rpo}. One run on the local environment measures
 * every table of BENCHMARKS.md and prints each target beside its measurement: throughput (the job
 * with and without checkpointing against a plain consumer and raw reads), checkpoint, savepoint
 * and shipment cost against state size, restore time, the TaskManager's memory per million dedup
 * keys, restore-point selection over 1,000 snapshots and, last (drills reset the environment),
 * the failover breakdown of the savepoint path and of the shipped-checkpoint path. It asserts
 * nothing about time: ratios within one run are what count on a shared machine.
 */
class RtoRpoBenchmark {

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();
    static final ObjectMapper JSON = new ObjectMapper();
    static final long EVENTS = Long.getLong("bench.events", 1_000_000);
    static final int DEVICES = Integer.getInteger("bench.devices", 2_000);
    static final int PARTITIONS = 4;
    /** State sizes restored from bootstrapped state, in MB; {@code -Dbench.restore-state-mb=} (empty) for none. */
    static final List<Long> LARGE_STATE_MB = java.util.Arrays.stream(System.getProperty("bench.restore-state-mb", "100,1000")
            .split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(Long::parseLong).toList();

    final BenchTable table = new BenchTable();

    @Test
    void measureEverything(@TempDir Path dir) throws Exception {
        Environment env = SHARED.fresh(Duration.ofSeconds(5));
        LocalRegions regions = SHARED.regions();
        Properties alias = io.github.fgf.controller.observe.KafkaEndpoint.clientProperties(env.alias().bootstrap(),
                env.alias().connectionString(), false);
        Hubs hubs = new Hubs(alias);
        String hub = "bench-in";
        for (String h : List.of(hub, hub + "-out", hub + "-late", hub + "-dlq")) hubs.create(h, PARTITIONS);

        String T = "Throughput (" + EVENTS + " events pre-loaded on " + PARTITIONS + " partitions, " + DEVICES + " devices)";
        long t0 = System.nanoTime();
        long bytes = Preload.load(alias, hub, EVENTS, DEVICES, 60);
        table.info(T, "pre-load (one producer)", f1(EVENTS / ((System.nanoTime() - t0) / 1e9)) + " events/s, " + mb(bytes));

        PlainConsumers.Rate raw = PlainConsumers.run(alias, hub, PARTITIONS, EVENTS, false);
        table.info(T, "raw consumption of bytes (one thread)", f1(raw.recordsPerSecond()) + " records/s");
        PlainConsumers.Rate plain = PlainConsumers.run(alias, hub, PARTITIONS, EVENTS, true);
        table.info(T, "plain consumer: parse, dedup, window aggregate (one thread, the ceiling)",
                f1(plain.recordsPerSecond()) + " records/s (" + plain.windows() + " windows)");

        Environment.Region a = env.region("primary");
        long[] memBefore = JobRun.taskManagerMemory(a);
        String checkpoints = a.storage().checkpointsUri() + "-bench";
        String shipTo = env.region("secondary").storage().uri() + "bench-shipped";
        JobRun withCkpt = JobRun.submit(regions, "primary", hub, "bench-ckpt", Duration.ofSeconds(10), checkpoints, null);
        ShipLoop ships = new ShipLoop(withCkpt, SnapshotUri.parse(shipTo));
        ships.start();
        double onSeconds;
        java.util.Map<String, String> profile;
        try (StackSampler stacks = new StackSampler(a.flink().taskManager().pid())) {
            onSeconds = withCkpt.secondsFrom10To90(EVENTS, Duration.ofMinutes(30));
            profile = stacks.top();
        }
        double on = EVENTS * 0.8 / onSeconds;
        // Let the last checkpoints complete with the whole input in state, then read their costs.
        Thread.sleep(25_000);
        ships.stop();
        long[] memAfter = withCkpt.taskManagerMemory();
        JsonNode history = withCkpt.flink.get("/jobs/" + withCkpt.jobId + "/checkpoints");
        long t1 = System.nanoTime();
        String savepoint = withCkpt.flink.triggerSavepoint(withCkpt.jobId, a.storage().savepointsUri(), "NATIVE", Duration.ofMinutes(5));
        double savepointSeconds = (System.nanoTime() - t1) / 1e9;
        long savepointBytes = sizeOf(savepoint);
        withCkpt.cancel();

        JobRun without = JobRun.submit(regions, "primary", hub, "bench-nockpt", Duration.ofHours(1), checkpoints, null);
        double off;
        java.util.Map<String, String> profileOff;
        try (StackSampler stacks = new StackSampler(a.flink().taskManager().pid())) {
            off = EVENTS * 0.8 / without.secondsFrom10To90(EVENTS, Duration.ofMinutes(30));
            profileOff = stacks.top();
        }
        without.cancel();

        table.row(T, "the job, checkpointing on (every 10 s; source vertex, 10 % to 90 %)", f1(on) + " records/s", null, null);
        table.row(T, "the job, checkpointing off (interval 1 h: none during the run)", f1(off) + " records/s", null, null);
        table.row(T, "job with checkpointing / plain consumer", f2(on / plain.recordsPerSecond()), ">= 0.70",
                on / plain.recordsPerSecond() >= 0.7);
        table.row(T, "cost of checkpointing (1 - on / off)", f2(1 - on / off), "<= 0.10", 1 - on / off <= 0.10);
        table.info(T, "plain consumer / raw bytes", f2(plain.recordsPerSecond() / raw.recordsPerSecond()));
        String P = "Profile of the job's task threads (jstack every 3 s while it read)";
        profile.forEach((thread, frames) -> {
            if (!frames.matches("waiting[^;]* 100%")) table.info(P, "checkpointing on: " + thread, frames);
        });
        profileOff.forEach((thread, frames) -> {
            if (!frames.matches("waiting[^;]* 100%")) table.info(P, "checkpointing off: " + thread, frames);
        });

        String C = "Checkpoint, savepoint and shipment cost against state size (dedup keys = events read; horizon longer than the run)";
        for (JsonNode c : history.path("history")) {
            if (!"COMPLETED".equals(c.path("status").asText())) continue;
            ShipReport s = ships.reports.get(c.path("id").asLong());
            table.info(C, "checkpoint " + c.path("id").asLong() + ": full state " + mb(c.path("state_size").asLong()),
                    "incremental " + mb(c.path("checkpointed_size").asLong()) + " in " + f1(c.path("end_to_end_duration").asLong() / 1000.0)
                            + " s" + (s == null ? "; not shipped" : "; shipped " + mb(s.bytesCopied()) + " new in " + f1(s.millis() / 1000.0)
                            + " s (" + s.filesAlreadyThere() + " shared files already there)"));
        }
        table.info(C, "native savepoint of the final state", mb(savepointBytes) + " in " + f1(savepointSeconds) + " s");
        table.info(C, "shipping copy volume while the job read", mb(ships.bytesCopied()) + " in " + f1(ships.watchedSeconds())
                + " s = " + mb((long) (ships.bytesCopied() * 3600 / Math.max(1, ships.watchedSeconds()))) + " per hour at this input rate");

        String M = "Memory";
        long keys = EVENTS;
        table.info(M, "TaskManager RSS before the run / after / peak (VmHWM)", mb(memBefore[0]) + " / " + mb(memAfter[0]) + " / " + mb(memAfter[1]));
        table.info(M, "TaskManager RSS growth per million dedup keys", mb((long) ((memAfter[0] - memBefore[0]) / (keys / 1e6))));

        RestoreBench restore = new RestoreBench(table, regions, hubs);
        restore.restore("this run's final state", ships.lastShipped, "bench-restore", java.util.Optional.empty());
        new LargeStateRestore(table, regions, restore, dir).run(LARGE_STATE_MB);
        new SelectionBench(table, dir).run(1000);
        new FailoverBreakdown(table, env, dir).run();

        table.writeTo("BENCHMARKS.md", "# Benchmark results (one run of bin/benchmark-rto-rpo)\n\nMachine: "
                + Runtime.getRuntime().availableProcessors() + " cores; events " + EVENTS + ".\n");
    }

    static long sizeOf(String dir) {
        SnapshotUri uri = SnapshotUri.parse(dir);
        return SnapshotStore.forUri(uri).list(uri).stream().mapToLong(f -> f.size()).sum();
    }

    /** Ships every checkpoint the job completes, as watch does, and keeps each report by checkpoint id. */
    static final class ShipLoop {
        final java.util.Map<Long, ShipReport> reports = new java.util.concurrent.ConcurrentHashMap<>();
        private final JobRun job;
        private final SnapshotUri target;
        private volatile boolean running = true;
        private Thread thread;
        private long started;
        private long stopped;
        volatile String lastShipped;

        ShipLoop(JobRun job, SnapshotUri target) {
            this.job = job;
            this.target = target;
        }

        void start() {
            started = System.nanoTime();
            thread = new Thread(() -> {
                String last = "";
                while (running) {
                    try {
                        var stats = job.client.checkpoints(io.github.fgf.flinkclient.JobId.of(job.jobId));
                        if (stats.latestCompletedPath().isPresent() && !stats.latestCompletedPath().get().equals(last)) {
                            SnapshotUri chk = SnapshotUri.parse(stats.latestCompletedPath().get());
                            ShipReport r = new Shipper(new SnapshotReader(SnapshotStore.forUri(chk)), SnapshotStore.forUri(target))
                                    .ship(chk, target, stats.latestAckAt());
                            reports.put(r.checkpointId(), r);
                            last = stats.latestCompletedPath().get();
                            lastShipped = r.target();
                        }
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        System.out.println("benchmark | shipping failed (next checkpoint): " + e.getMessage());
                    }
                }
            }, "bench-ship");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(120_000);
            stopped = System.nanoTime();
        }

        long bytesCopied() {
            return reports.values().stream().mapToLong(ShipReport::bytesCopied).sum();
        }

        double watchedSeconds() {
            return (stopped - started) / 1e9;
        }
    }
}
