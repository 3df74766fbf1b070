package io.github.fgf.testing;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The test's own computation of the window aggregates, independent of the job's code: distinct
 * events by id, grouped by device and epoch-aligned window, rendered canonically.
 */
public final class ExpectedAggregates {

    private ExpectedAggregates() {}

    /** key {@code deviceId|windowStart} -> canonical aggregate. */
    public static Map<String, String> of(List<Events.Line> lines, long windowMillis, Set<String> excludedDevices) {
        Set<String> seen = new HashSet<>();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, double[]>> metrics = new TreeMap<>();
        for (Events.Line l : lines) {
            if (l.malformed() || excludedDevices.contains(l.deviceId()) || !seen.add(l.eventId())) continue;
            long start = Math.floorDiv(l.timestamp(), windowMillis) * windowMillis;
            String key = l.deviceId() + "|" + Instant.ofEpochMilli(start);
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            Map<String, double[]> m = metrics.computeIfAbsent(key, k -> new TreeMap<>());
            l.metrics().forEach((name, v) -> {
                double[] s = m.computeIfAbsent(name, k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                s[0]++;
                s[1] += v;
                s[2] = Math.min(s[2], v);
                s[3] = Math.max(s[3], v);
            });
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((key, c) -> {
            StringBuilder b = new StringBuilder("count=" + c[0]);
            metrics.get(key).forEach((name, s) -> b.append(';').append(canonical(name, (long) s[0], s[1], s[2], s[3], s[1] / s[0])));
            out.put(key, b.toString());
        });
        return out;
    }

    public static String canonical(String metric, long count, double sum, double min, double max, double avg) {
        return metric + ":" + count + "," + sum + "," + min + "," + max + "," + avg;
    }
}
