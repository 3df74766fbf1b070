package io.github.fgf.controller;

import io.github.fgf.controller.act.WatchEvent;
import io.github.fgf.controller.act.WatchLoop;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.observe.GeoSecondaryRestorePoints;
import io.github.fgf.controller.observe.KafkaEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.controller.observe.Metrics;
import io.github.fgf.controller.observe.RegionProbe;
import io.github.fgf.controller.observe.RestorePointObserver;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.flink.FlinkJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (not in CI; {@code bin/benchmark-probe-round}): the probe round and the loss detection
 * with 10 retained savepoints of real size on the local environment. Prints each measurement beside
 * its target. The machine is shared and noisy: compare the ratios within one run.
 */
class ProbeBenchmark {

    static final int SAVEPOINTS = 10;

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    /** Stops the loop at the round that declares the loss. */
    static final class Lost extends RuntimeException {
        Lost() {
            super(null, null, false, false);
        }
    }

    @Test
    void probeRoundAndDetectionWithTenRetainedSavepoints(@TempDir Path dir) throws Exception {
        FailoverFixture fx = new FailoverFixture(SHARED, dir, "bench-in", 20_000, 0);
        var a = fx.env.region("primary");
        FlinkJobs flinkA = new FlinkJobs(a.flink().restUrl());
        String job = flinkA.jobs().stream().filter(j -> j.state().equals("RUNNING")).findFirst().orElseThrow().id();
        for (int i = 1; i < SAVEPOINTS; i++) flinkA.triggerSavepoint(job, a.storage().savepointsUri(), "NATIVE", Duration.ofSeconds(60));
        java.time.Instant last = java.time.Instant.now().plusSeconds(1);
        while (fx.lastSyncTime().isBefore(last)) Thread.sleep(200);

        Topology t = TopologyFile.read(fx.topology);
        Duration interval = t.policy().probeInterval();
        Duration deadline = WatchLoop.probeTimeout(t.policy());
        String hub = t.job().arg("--hubs.input", "telemetry");
        KafkaEndOffsetsProbe hubProbe = new KafkaEndOffsetsProbe(KafkaEndpoint.clientProperties(t.primary(), "benchmark"));
        RegionProbe probe = RegionProbe.of(t.primary(), hub, hubProbe, deadline);

        List<Long> healthy = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long s = System.nanoTime();
            RegionProbe.Result r = probe.probe();
            healthy.add((System.nanoTime() - s) / 1_000_000);
            if (!r.healthy()) throw new IllegalStateException("the primary is not healthy: " + r.failures());
        }

        GeoSecondaryRestorePoints restorePoints = new GeoSecondaryRestorePoints(t);
        long s = System.nanoTime();
        RestorePointObserver.Observation cold = restorePoints.observe();
        long coldMs = (System.nanoTime() - s) / 1_000_000;
        s = System.nanoTime();
        restorePoints.observe();
        long warmMs = (System.nanoTime() - s) / 1_000_000;

        fx.regions.killRegion("primary");
        long killed = System.nanoTime();
        long[] lostAt = {0};
        List<Long> deadRounds = new ArrayList<>();
        long[] roundStart = {System.nanoTime()};
        try (Metrics metrics = new Metrics(0)) {
            WatchLoop loop = new WatchLoop(t, probe, restorePoints, metrics, false, () -> null, null, dir);
            try {
                loop.run(20, "benchmark", e -> {
                    if (e.type() == WatchEvent.Type.ROUND) {
                        deadRounds.add((System.nanoTime() - roundStart[0]) / 1_000_000);
                    }
                    if (e.type() == WatchEvent.Type.LOST) {
                        lostAt[0] = System.nanoTime();
                        throw new Lost();
                    }
                });
            } catch (Lost expected) {
                // declared
            }
        }
        Collections.sort(healthy);
        double detection = (lostAt[0] - killed) / 1e9;
        double target = interval.multipliedBy(t.policy().failureThreshold()).plus(interval).toMillis() / 1000.0;
        System.out.printf("probe round, healthy, %d savepoints retained: median %d ms, max %d ms; deadline %d ms, interval %d ms%n",
                cold.candidates().size(), healthy.get(healthy.size() / 2), healthy.get(healthy.size() - 1), deadline.toMillis(),
                interval.toMillis());
        System.out.printf("restore-point observation of %d savepoints: first %d ms, then %d ms (%.1fx); each _metadata read once%n",
                cold.candidates().size(), coldMs, warmMs, warmMs == 0 ? Double.POSITIVE_INFINITY : (double) coldMs / warmMs);
        System.out.printf("loss detection after kill-region: %.1f s; target <= failureThreshold x probeInterval + probeInterval"
                + " = %.1f s: %s%n", detection, target, lostAt[0] == 0 ? "NOT DECLARED" : detection <= target ? "met" : "MISSED");
    }
}
