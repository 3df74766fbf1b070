package io.github.fgf.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fgf.controller.observe.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.act.WatchEvent;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.observe.RegionProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What watch prints: every event as a JSON line with --json; only what needs an operator in text. */
class WatchOutputTest {

    static final Instant AT = Instant.parse("2026-11-21T08:00:00Z");

    static List<WatchEvent> events() {
        RegionProbe.Result down = new RegionProbe.Result("westeurope", AT, false, false, true, null, null, null, null, null, null,
                List.of("flink: unreachable (ConnectException)", "event hubs: unreachable (TimeoutException)"));
        RegionProbe.Result up = new RegionProbe.Result("westeurope", AT, true, true, true, "telemetry", "RUNNING", 900L,
                Map.of(PartitionKey.of("in", 0), 42L), AT, AT, List.of());
        return List.of(WatchEvent.round(up, "healthy", 0, null), WatchEvent.savepoint(AT, "westeurope", "wasb://sp/savepoint-1", 2),
                WatchEvent.round(down, "suspect", 1, "flink, event hubs down"),
                WatchEvent.lost(AT, "westeurope", 3, "3 consecutive failed rounds"));
    }

    static Topology topology() {
        Topology.Storage s = new Topology.Storage("c", "s", "g", "local:x");
        Topology.Region a = new Topology.Region("primary", "westeurope", "ns-a", "cs", null, null, Topology.HubProbe.EVENTHUBS, "http://a", s);
        Topology.Region b = new Topology.Region("secondary", "northeurope", "ns-b", "cs", null, null, Topology.HubProbe.EVENTHUBS, "http://b", s);
        return new Topology(a, b, null, null, Topology.Policy.defaults(), null);
    }

    @Test
    void jsonHasOneLinePerEventAndLeavesNoFieldOut() throws Exception {
        StringWriter out = new StringWriter();
        Consumer<WatchEvent> sink = WatchCommand.jsonLines(new PrintWriter(out));
        events().forEach(sink);
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        JsonNode healthy = new ObjectMapper().readTree(lines.get(0));
        assertEquals("ROUND", healthy.get("type").asText());
        assertEquals(42, healthy.get("probe").get("endOffsets").get("in|0").asLong());
        assertEquals("2026-11-21T08:00:00Z", healthy.get("at").asText());
        JsonNode suspect = new ObjectMapper().readTree(lines.get(2));
        assertEquals(1, suspect.get("consecutiveFailures").asInt());
        assertEquals(2, suspect.get("probe").get("failures").size());
        assertEquals("LOST", new ObjectMapper().readTree(lines.get(3)).get("type").asText());
    }

    @Test
    void textShowsSavepointsAndLossOnly() {
        StringWriter out = new StringWriter();
        Consumer<WatchEvent> sink = WatchCommand.text(new PrintWriter(out), topology());
        events().forEach(sink);
        assertEquals(List.of("savepoint wasb://sp/savepoint-1; pruned 2",
                "region westeurope is LOST (3 consecutive failed rounds); would fail over to northeurope now; run 'failover' "
                        + "or watch with --auto"), out.toString().lines().toList());
    }
}
