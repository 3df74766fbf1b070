package io.github.fgf.job.model;

/**
 * One Kafka record as read, already parsed: where it came from, the event (or why it is
 * malformed, with its original text), and the project's own record headers. A Flink POJO.
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    /** Kafka record timestamp: the enqueued time on Event Hubs (and on the local brokers, LogAppendTime). */
    public long recordTimestamp;
    /** The parsed event, or null when malformed or a control record. */
    public TelemetryEvent event;
    /** Why the record is malformed; null otherwise. */
    public String reason;
    /** The original text, kept only for a malformed record (the dead letter carries it). */
    public String value;
    /** Failover epoch of the failback drain that copied this record from a lost region; -1 for an ordinary record. */
    public long strandedEpoch = -1;
    /** The control record's kind (see {@code ControlRecords}); null for events. */
    public String control;
    /** The epoch a control record addresses. */
    public long controlEpoch = -1;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, long recordTimestamp, String value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.recordTimestamp = recordTimestamp;
        this.value = value;
    }

    /** Event time for watermarks; control and malformed records never move a watermark. */
    public long eventTime() {
        return event == null ? Long.MIN_VALUE : event.timestamp;
    }
}
