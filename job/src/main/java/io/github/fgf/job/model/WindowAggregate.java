package io.github.fgf.job.model;

import java.util.Map;
import java.util.TreeMap;

/** The running aggregate of one device's window: distinct events and per-metric stats. A Flink POJO. */
public class WindowAggregate {
    public String deviceId;
    public long windowStart;
    public long windowEnd;
    public long count;
    public Map<String, MetricStats> metrics = new TreeMap<>();
    /** Set when emitted: the window may still lack events stranded in a lost region (see the README's output contract). */
    public boolean partial;

    public WindowAggregate() {}

    public WindowAggregate(String deviceId, long windowStart, long windowEnd) {
        this.deviceId = deviceId;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    public void add(TelemetryEvent e) {
        count++;
        e.metrics.forEach((name, v) -> metrics.computeIfAbsent(name, k -> new MetricStats()).add(v));
    }
}
