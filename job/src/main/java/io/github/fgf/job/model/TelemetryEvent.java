package io.github.fgf.job.model;

import java.util.Map;
import java.util.TreeMap;

/** A parsed input event: id, device, event time and its numeric metrics. A Flink POJO. */
public class TelemetryEvent {
    public String eventId;
    public String deviceId;
    /** Event time, epoch milliseconds. */
    public long timestamp;
    public Map<String, Double> metrics = new TreeMap<>();
    /** The failover epoch whose failback drain delivered this event from a lost region; -1 if it was not stranded. */
    public long strandedEpoch = -1;

    public TelemetryEvent() {}

    public TelemetryEvent(String eventId, String deviceId, long timestamp, Map<String, Double> metrics) {
        this.eventId = eventId;
        this.deviceId = deviceId;
        this.timestamp = timestamp;
        this.metrics = new TreeMap<>(metrics);
    }
}
