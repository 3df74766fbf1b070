package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.DeadLetter;
import io.github.fgf.job.model.MetricStats;
import io.github.fgf.job.model.TelemetryEvent;
import io.github.fgf.job.model.WindowAggregate;
import java.time.Instant;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/** The output contract of design.md: aggregate, dead-letter and late records as JSON. */
public final class OutputFormats {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputFormats() {}

    public static String aggregateKey(WindowAggregate a) {
        return a.deviceId + "|" + Instant.ofEpochMilli(a.windowStart);
    }

    public static String aggregate(WindowAggregate a, String region, long epoch) {
        ObjectNode n = JSON.createObjectNode();
        n.put("deviceId", a.deviceId);
        n.put("windowStart", Instant.ofEpochMilli(a.windowStart).toString());
        n.put("windowEnd", Instant.ofEpochMilli(a.windowEnd).toString());
        n.put("count", a.count);
        ObjectNode metrics = n.putObject("metrics");
        a.metrics.forEach((name, s) -> metric(metrics.putObject(name), s));
        n.put("partial", a.partial);
        n.put("region", region);
        n.put("epoch", epoch);
        return n.toString();
    }

    private static void metric(ObjectNode n, MetricStats s) {
        n.put("count", s.count);
        n.put("sum", s.sum);
        n.put("min", s.min);
        n.put("max", s.max);
        n.put("avg", s.avg());
    }

    public static String deadLetter(DeadLetter d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("reason", d.reason);
        n.put("payload", d.payload);
        n.put("topic", d.topic);
        n.put("partition", d.partition);
        n.put("offset", d.offset);
        return n.toString();
    }

    /** A too-late event as an input-contract event, so it can be replayed as it is. */
    public static String event(TelemetryEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", e.eventId);
        n.put("deviceId", e.deviceId);
        n.put("timestamp", Instant.ofEpochMilli(e.timestamp).toString());
        e.metrics.forEach(n::put);
        return n.toString();
    }
}
