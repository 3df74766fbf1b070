package io.github.fgf.job.model;

/** Per topic-partition progress kept in operator state: max record timestamp and offset processed. */
public class PartitionProgress {
    public String topic;
    public int partition;
    public long maxRecordTimestamp;
    public long maxOffset;

    public PartitionProgress() {}

    public PartitionProgress(String topic, int partition, long maxRecordTimestamp, long maxOffset) {
        this.topic = topic;
        this.partition = partition;
        this.maxRecordTimestamp = maxRecordTimestamp;
        this.maxOffset = maxOffset;
    }

    public String key() {
        return topic + "-" + partition;
    }
}
