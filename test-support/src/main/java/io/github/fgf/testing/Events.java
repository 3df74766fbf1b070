package io.github.fgf.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generated input with the awkward parts of real telemetry: duplicates, events out of order by up
 * to 4 s, and malformed lines. Metric values are multiples of 0.25, so sums are exact in any order.
 */
public final class Events {

    /** One input line: its JSON (or garbage), event time, and whether it is well-formed. */
    public record Line(String eventId, String deviceId, long timestamp, Map<String, Double> metrics, String json,
                       boolean malformed) {}

    private Events() {}

    public static String json(String id, String device, long ts, Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder("{\"eventId\":\"" + id + "\",\"deviceId\":\"" + device
                + "\",\"timestamp\":\"" + Instant.ofEpochMilli(ts) + "\"");
        metrics.forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    public static Line event(String id, String device, long ts, Map<String, Double> metrics) {
        return new Line(id, device, ts, metrics, json(id, device, ts, metrics), false);
    }

    /** Devices d-0..d-(devices-1), one event each every 2 s from {@code start} for {@code minutes}. */
    public static List<Line> generate(String prefix, long start, int minutes, int devices, long seed) {
        Random rnd = new Random(seed);
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (long t = start; t < start + minutes * 60_000L; t += 2_000) {
            for (int d = 0; d < devices; d++) {
                Map<String, Double> m = new TreeMap<>();
                m.put("temperature", 15 + rnd.nextInt(80) * 0.25);
                if (rnd.nextInt(4) != 0) m.put("humidity", 30 + rnd.nextInt(40) * 0.5);
                lines.add(event(prefix + "-d" + d + ":" + n++, "d-" + d, t + rnd.nextInt(1000), m));
            }
        }
        // Out of order within 4 s: shuffle small blocks (at most 4 s of event time apart).
        for (int i = 0; i + devices * 2 <= lines.size(); i += devices * 2) {
            Collections.shuffle(lines.subList(i, i + devices * 2), rnd);
        }
        // Duplicates: a producer retry re-sends an event a few records later, same id and payload.
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            if (i % 17 == 5 && i >= 3) out.add(lines.get(i - 3));
            if (i % 53 == 7) {
                out.add(new Line(null, null, lines.get(i).timestamp(), Map.of(), i % 2 == 0 ? "{not json at " + i
                        : "{\"deviceId\":\"d-0\",\"timestamp\":\"" + Instant.ofEpochMilli(lines.get(i).timestamp()) + "\"}", true));
            }
        }
        return out;
    }
}
