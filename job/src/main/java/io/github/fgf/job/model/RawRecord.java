package io.github.fgf.job.model;

/** One Kafka record as read: where it came from and its UTF-8 value, before parsing. A Flink POJO. */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    /** Kafka record timestamp: the enqueued time on Event Hubs. */
    public long recordTimestamp;
    public String value;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, long recordTimestamp, String value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.recordTimestamp = recordTimestamp;
        this.value = value;
    }
}
