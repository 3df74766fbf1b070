package io.github.fgf.controller.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.testing.LocalEventHubsAmqpPeer;
import io.github.fgf.controller.testing.LocalEventHubsAmqpPeer.Partition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real Event Hubs client (azure-messaging-eventhubs over AMQP) against a local peer that answers its management requests. */
class EventHubsSdkReaderTest {

    @Test
    void partitionEndsComeFromTheHubsRuntimeProperties() throws Exception {
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        try (LocalEventHubsAmqpPeer peer = new LocalEventHubsAmqpPeer()) {
            peer.hub("telemetry", Map.of("0", new Partition(0, 41, t0, false), "1", new Partition(0, -1, Instant.EPOCH, true)));
            try (EventHubsEndOffsetsProbe probe = new EventHubsEndOffsetsProbe(new EventHubsSdkReader("127.0.0.1",
                    peer.connectionString(), null, Duration.ofSeconds(5)))) {
                Map<PartitionKey, EndOffsetsProbe.PartitionEnd> ends = probe.partitionEnds("telemetry");
                assertEquals(Map.of(PartitionKey.of("telemetry", 0), 42L, PartitionKey.of("telemetry", 1), 0L), EndOffsetsProbe.offsets(ends));
                assertEquals(t0, EndOffsetsProbe.newest(ends));
                assertEquals(3, peer.requests().stream().filter(r -> r.startsWith("$management READ")).count(), peer.requests().toString());

                // a partition the namespace cannot answer for fails the whole read: half an answer is not the hub's end
                peer.failPartition("telemetry", "1", 503);
                assertThrows(RuntimeException.class, () -> probe.partitionEnds("telemetry"));
            }
            try (EventHubsEndOffsetsProbe probe = new EventHubsEndOffsetsProbe(new EventHubsSdkReader("127.0.0.1",
                    peer.connectionString(), null, Duration.ofSeconds(5)))) {
                assertThrows(RuntimeException.class, () -> probe.partitionEnds("no-such-hub"));
            }
        }
    }

    @Test
    void aNamespaceThatIsGoneFailsWithinTheTryTimeout() throws Exception {
        LocalEventHubsAmqpPeer peer = new LocalEventHubsAmqpPeer();
        String cs = peer.connectionString();
        peer.close();
        long start = System.nanoTime();
        try (EventHubsEndOffsetsProbe probe = new EventHubsEndOffsetsProbe(new EventHubsSdkReader("127.0.0.1", cs, null,
                Duration.ofSeconds(2)))) {
            assertThrows(RuntimeException.class, () -> probe.partitionEnds("telemetry"));
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 20, "a dead namespace must not hold a probe round for " + seconds + " s");
    }

    @Test
    void theSameProbeReadsAgainWhenTheNamespaceComesBack() throws Exception {
        // watch keeps one client per hub for its whole life: a blip must not leave it broken, or the
        // detector would count failed rounds against a healthy primary
        Map<String, Partition> hub = Map.of("0", new Partition(0, 9, Instant.parse("2026-11-21T08:00:00Z"), false));
        LocalEventHubsAmqpPeer first = new LocalEventHubsAmqpPeer();
        first.hub("telemetry", hub);
        int port = first.port();
        try (EventHubsEndOffsetsProbe probe = new EventHubsEndOffsetsProbe(new EventHubsSdkReader("127.0.0.1",
                first.connectionString(), null, Duration.ofSeconds(2)))) {
            assertEquals(Map.of(PartitionKey.of("telemetry", 0), 10L), probe.endOffsets("telemetry"));
            first.close();
            long t0 = System.nanoTime();
            assertThrows(RuntimeException.class, () -> probe.endOffsets("telemetry"));
            long failedAfter = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            // the client's own reconnecting once held a read for 50 s; a round must end within about the try timeout
            assertTrue(failedAfter < 10, "a dropped namespace held the probe " + failedAfter + " s");
            try (LocalEventHubsAmqpPeer back = new LocalEventHubsAmqpPeer(port)) {
                back.hub("telemetry", Map.of("0", new Partition(0, 19, Instant.parse("2026-11-21T08:01:00Z"), false)));
                Map<PartitionKey, Long> seen = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen == null && System.nanoTime() < deadline) {
                    try {
                        seen = probe.endOffsets("telemetry");
                    } catch (RuntimeException e) {
                        Thread.sleep(500);
                    }
                }
                assertEquals(Map.of(PartitionKey.of("telemetry", 0), 20L), seen, "the probe never recovered after the namespace came back");
            }
        }
    }
}
