package io.github.fgf.job.model;

/** A malformed input event with the reason and where it was read. A Flink POJO. */
public class DeadLetter {
    public String reason;
    public String payload;
    public String topic;
    public int partition;
    public long offset;

    public DeadLetter() {}

    public DeadLetter(String reason, RawRecord r) {
        this.reason = reason;
        this.payload = r.value;
        this.topic = r.topic;
        this.partition = r.partition;
        this.offset = r.offset;
    }
}
