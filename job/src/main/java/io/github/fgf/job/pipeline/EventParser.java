package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.TelemetryEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** Parses the input contract of design.md; a malformed event yields a reason instead of an event. */
public final class EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventParser() {}

    /** Either an event or the reason it is malformed. */
    public record Result(TelemetryEvent event, String reason) {
        static Result ok(TelemetryEvent e) {
            return new Result(e, null);
        }

        static Result malformed(String reason) {
            return new Result(null, reason);
        }
    }

    public static Result parse(String text) {
        if (text == null) return Result.malformed("empty record value");
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return Result.malformed("not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) return Result.malformed("not a JSON object");
        JsonNode id = root.get("eventId");
        JsonNode device = root.get("deviceId");
        JsonNode ts = root.get("timestamp");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) return Result.malformed("missing eventId");
        if (device == null || !device.isTextual() || device.asText().isEmpty()) return Result.malformed("missing deviceId");
        if (ts == null || ts.isNull()) return Result.malformed("missing timestamp");
        long millis;
        if (ts.isNumber()) {
            millis = ts.asLong();
        } else if (ts.isTextual()) {
            try {
                millis = Instant.parse(ts.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                return Result.malformed("timestamp is not ISO-8601 with a zone: " + ts.asText());
            }
        } else {
            return Result.malformed("timestamp is neither an ISO-8601 string nor epoch milliseconds");
        }
        Map<String, Double> metrics = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isNumber() && !f.getKey().equals("timestamp")) {
                metrics.put(f.getKey(), f.getValue().asDouble());
            }
        }
        return Result.ok(new TelemetryEvent(id.asText(), device.asText(), millis, metrics));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
