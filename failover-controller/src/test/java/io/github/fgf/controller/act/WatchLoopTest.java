package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.observe.EndOffsetsProbe;
import io.github.fgf.controller.observe.Metrics;
import io.github.fgf.controller.observe.RegionProbe;
import io.github.fgf.controller.observe.StorageCheck;
import io.github.fgf.controller.testing.fakes.FakeWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch loop against fakes: savepoints never hold the probe thread, and a gauge never keeps a stale value. */
class WatchLoopTest {

    static final String POLICY = "{\"probeInterval\":\"PT0.1S\",\"failureThreshold\":3,\"savepointInterval\":\"PT0.1S\"}";

    static StorageCheck storage() {
        return new StorageCheck() {
            @Override
            public void list() {}

            @Override
            public Instant lastSyncTime() {
                return Instant.now().minusSeconds(3);
            }
        };
    }

    static String gauge(Metrics m, String series) {
        return m.render().lines().filter(l -> l.startsWith(series + " ")).findFirst().map(l -> l.substring(series.length() + 1))
                .orElse("absent");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a savepoint on the probe thread would hang here: fail instead
    void aSavepointThatTakesMinutesDoesNotHoldTheProbeRoundsAndALostRegionIsDeclaredOnTime(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir, POLICY);
        CountDownLatch savepointGate = new CountDownLatch(1);
        w.flinkA.savepointGate = savepointGate;
        EndOffsetsProbe hub = h -> Map.of(PartitionKey.of("telemetry", 0), new EndOffsetsProbe.PartitionEnd(5, Instant.now()));
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        try (Metrics metrics = new Metrics(0)) {
            RegionProbe probe = new RegionProbe(w.topology.primary(), "telemetry", hub, r -> w.flinkA, storage(), Duration.ofMillis(500));
            SavepointScheduler savepoints = new SavepointScheduler(w.topology, r -> w.flinkA, w.storage);
            WatchLoop healthy = new WatchLoop(w.topology, probe, w.storage, metrics, false, () -> null, savepoints, dir);
            healthy.run(5, "controller-1", events::add);
            assertEquals(5, events.stream().filter(e -> e.type() == WatchEvent.Type.ROUND).count(),
                    "five rounds while the first savepoint still waits");
            assertTrue(events.stream().noneMatch(e -> e.type() == WatchEvent.Type.SAVEPOINT), "the savepoint is still in flight");
            assertTrue(!gauge(metrics, "fgf_last_checkpoint_age_seconds{region=\"primary\"}").equals("NaN"));

            // The region goes: Flink unreachable, the hub gone. The last good checkpoint age must not linger.
            w.flinkA.unreachable = true;
            EndOffsetsProbe dead = h -> {
                throw new java.net.ConnectException("refused");
            };
            StorageCheck deadStorage = new StorageCheck() {
                @Override
                public void list() throws Exception {
                    throw new java.net.ConnectException("refused");
                }

                @Override
                public Instant lastSyncTime() {
                    throw new IllegalStateException("unreachable");
                }
            };
            List<WatchEvent> later = new CopyOnWriteArrayList<>();
            RegionProbe deadProbe = new RegionProbe(w.topology.primary(), "telemetry", dead, r -> w.flinkA, deadStorage,
                    Duration.ofMillis(500));
            new WatchLoop(w.topology, deadProbe, w.storage, metrics, false, () -> null, null, dir).run(3, "controller-1", later::add);
            assertEquals("NaN", gauge(metrics, "fgf_last_checkpoint_age_seconds{region=\"primary\"}"));
            assertEquals("NaN", gauge(metrics, "fgf_replication_lag_seconds{region=\"primary\"}"));
            assertEquals("NaN", gauge(metrics, "fgf_input_last_enqueued_age_seconds{region=\"primary\"}"));
            assertTrue(later.stream().anyMatch(e -> e.type() == WatchEvent.Type.LOST), "lost after 3 failed rounds: " + later);
        } finally {
            savepointGate.countDown();
        }
    }

    @Test
    void theSecondaryLearnsTheEpochThatRunsInThePrimary(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir, POLICY);
        w.flinkA.all().get(0).state = io.github.fgf.flinkclient.JobState.CANCELED;
        w.flinkA.start("fgf-telemetry-e3");
        EndOffsetsProbe hub = h -> Map.of(PartitionKey.of("telemetry", 0), new EndOffsetsProbe.PartitionEnd(5, Instant.now()));
        try (Metrics metrics = new Metrics(0)) {
            RegionProbe probe = new RegionProbe(w.topology.primary(), "telemetry", hub, r -> w.flinkA, storage(), Duration.ofMillis(500));
            new WatchLoop(w.topology, probe, w.storage, metrics, false, () -> null, null, dir).withSecondaryStore(w.store)
                    .run(5, "controller-1", e -> { });
        }
        assertEquals(3L, w.store.readEpoch().orElse(-1L), "a failover back into the secondary must count on from epoch 3");
        assertEquals(-1, WatchLoop.epochOf("fgf-telemetry"));
        assertEquals(12, WatchLoop.epochOf("my-job-e12"));
    }
}
