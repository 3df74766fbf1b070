package io.github.fgf.controller.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.config.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Event Hubs probe over a fake of the hub's runtime properties (there is no local AMQP peer),
 * with switches for an unreachable namespace, a partition that times out, and a closed client.
 */
class EventHubsEndOffsetsProbeTest {

    static final class FakeHub implements EventHubsEndOffsetsProbe.HubReader {
        final Map<String, EventHubsEndOffsetsProbe.PartitionState> partitions = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        volatile boolean unreachable;
        volatile String timingOutPartition;
        volatile boolean closed;

        @Override
        public List<String> partitionIds(String hub) {
            calls.add("ids " + hub);
            if (unreachable) throw new RuntimeException("AmqpException: connection refused");
            return List.copyOf(partitions.keySet());
        }

        @Override
        public EventHubsEndOffsetsProbe.PartitionState partition(String hub, String id) {
            calls.add("partition " + hub + "/" + id);
            if (id.equals(timingOutPartition)) throw new RuntimeException("TimeoutException: try timeout 5 s");
            return partitions.get(id);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void endOffsetsAreTheNextSequenceNumberAndTimesAreKeptPerPartition() {
        FakeHub hub = new FakeHub();
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        hub.partitions.put("0", new EventHubsEndOffsetsProbe.PartitionState("0", 41, t0, false));
        hub.partitions.put("1", new EventHubsEndOffsetsProbe.PartitionState("1", 99, t0.plusSeconds(7), false));
        hub.partitions.put("2", new EventHubsEndOffsetsProbe.PartitionState("2", -1, Instant.EPOCH, true));
        try (EventHubsEndOffsetsProbe probe = new EventHubsEndOffsetsProbe(hub)) {
            Map<PartitionKey, EndOffsetsProbe.PartitionEnd> ends = probe.partitionEnds("telemetry");
            // the Kafka endpoint's offsets are sequence numbers: the next offset is the last sequence number + 1
            assertEquals(Map.of(PartitionKey.of("telemetry", 0), 42L, PartitionKey.of("telemetry", 1), 100L, PartitionKey.of("telemetry", 2), 0L), EndOffsetsProbe.offsets(ends));
            assertEquals(t0, ends.get(PartitionKey.of("telemetry", 0)).lastEnqueuedTime());
            assertNull(ends.get(PartitionKey.of("telemetry", 2)).lastEnqueuedTime(), "an empty partition has no last enqueued time");
            assertEquals(t0.plusSeconds(7), EndOffsetsProbe.newest(ends));
        }
        assertTrue(hub.closed);
    }

    @Test
    void anEmptiedPartitionKeepsItsPositionAfterRetention() {
        FakeHub hub = new FakeHub();
        hub.partitions.put("0", new EventHubsEndOffsetsProbe.PartitionState("0", 5000, Instant.parse("2026-11-20T00:00:00Z"), true));
        Map<PartitionKey, Long> offsets = EndOffsetsProbe.offsets(new EventHubsEndOffsetsProbe(hub).partitionEnds("h"));
        assertEquals(Map.of(PartitionKey.of("h", 0), 5001L), offsets);
    }

    @Test
    void anUnreachableNamespaceOrATimedOutPartitionFailsTheEventHubsProbeOfTheRound() {
        FakeHub hub = new FakeHub();
        hub.partitions.put("0", new EventHubsEndOffsetsProbe.PartitionState("0", 1, Instant.now(), false));
        hub.partitions.put("1", new EventHubsEndOffsetsProbe.PartitionState("1", 1, Instant.now(), false));
        EventHubsEndOffsetsProbe probe = new EventHubsEndOffsetsProbe(hub);
        hub.timingOutPartition = "1";
        assertThrows(RuntimeException.class, () -> probe.partitionEnds("h"), "a partial answer must not pass for the hub's end");

        Topology.Region dead = new Topology.Region("primary", "westeurope", "ns-a", null, null, null, Topology.HubProbe.EVENTHUBS,
                "http://127.0.0.1:1", new Topology.Storage("file:///nonexistent/cp", "file:///nonexistent/sp",
                "file:///nonexistent/sp-grs", "local:/nonexistent/grs.json"));
        hub.timingOutPartition = null;
        hub.unreachable = true;
        RegionProbe.Result r = RegionProbe.probe(dead, "h", probe);
        assertFalse(r.eventHubsUp());
        assertNull(r.endOffsets());
        assertTrue(r.failures().contains("event hubs: unreachable (RuntimeException)"), r.failures().toString());

        hub.unreachable = false;
        RegionProbe.Result back = RegionProbe.probe(dead, "h", probe);
        assertTrue(back.eventHubsUp());
        assertEquals(Map.of(PartitionKey.of("h", 0), 2L, PartitionKey.of("h", 1), 2L), back.endOffsets());
    }
}
