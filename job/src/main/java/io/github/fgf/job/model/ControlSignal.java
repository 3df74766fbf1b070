package io.github.fgf.job.model;

/** A control record from the input hub (see {@code ControlRecords}): its kind, the epoch it addresses, where it was read. A Flink POJO. */
public class ControlSignal {
    public String kind;
    public long epoch;
    public String topic;
    public int partition;
    public long offset;

    public ControlSignal() {}

    public ControlSignal(String kind, long epoch, String topic, int partition, long offset) {
        this.kind = kind;
        this.epoch = epoch;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }
}
