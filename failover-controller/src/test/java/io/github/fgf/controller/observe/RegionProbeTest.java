package io.github.fgf.controller.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.testing.fakes.FakeFlink;
import io.github.fgf.controller.testing.fakes.FakeWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe round ends at its deadline, whatever hangs, and never piles up calls to a check that still hangs. */
class RegionProbeTest {

    static final Duration DEADLINE = Duration.ofMillis(300);

    static StorageCheck storage(CountDownLatch hang) {
        return new StorageCheck() {
            @Override
            public void list() throws Exception {
                hang.await();
            }

            @Override
            public Instant lastSyncTime() {
                return Instant.parse("2026-12-01T10:00:00Z");
            }
        };
    }

    @Test
    void aHealthyRegionAnswersEveryCheck(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        EndOffsetsProbe hub = h -> Map.of(PartitionKey.of("telemetry", 0), new EndOffsetsProbe.PartitionEnd(5, Instant.parse("2026-12-01T10:00:01Z")));
        CountDownLatch open = new CountDownLatch(0);
        try (RegionProbe p = new RegionProbe(w.topology.primary(), "telemetry", hub, r -> w.flinkA, storage(open), DEADLINE)) {
            RegionProbe.Result r = p.probe();
            assertTrue(r.healthy(), r.failures().toString());
            assertEquals(Map.of(PartitionKey.of("telemetry", 0), 5L), r.endOffsets());
            assertEquals(Instant.parse("2026-12-01T10:00:00Z"), r.lastSyncTime());
        }
    }

    @Test
    void hangingChecksFailTheRoundAtItsDeadlineAndAreNotStartedAgainWhileTheyHang(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        CountDownLatch hang = new CountDownLatch(1);
        AtomicInteger hubCalls = new AtomicInteger();
        EndOffsetsProbe hub = h -> {
            hubCalls.incrementAndGet();
            hang.await();
            return Map.of();
        };
        FakeFlink flink = w.flinkA;
        flink.unreachable = true;
        try (RegionProbe p = new RegionProbe(w.topology.primary(), "telemetry", hub, r -> flink, storage(hang), DEADLINE)) {
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                RegionProbe.Result r = p.probe();
                long took = (System.nanoTime() - start) / 1_000_000;
                // Well under the sum of client timeouts a dead region used to cost; the bound is loose for a noisy machine.
                assertTrue(took < 5_000, "round " + round + " took " + took + " ms with a 300 ms deadline");
                assertTrue(r.regionDown(), r.toString());
                assertFalse(r.eventHubsUp());
                assertTrue(r.failures().contains("event hubs: no answer within the probe deadline"), r.failures().toString());
                assertTrue(r.failures().contains("storage: no answer within the probe deadline"), r.failures().toString());
                assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("flink: unreachable")), r.failures().toString());
            }
            assertEquals(1, hubCalls.get(), "a check that still hangs is not started again");
        } finally {
            hang.countDown();
        }
    }
}
