package io.github.fgf.job.state;

/**
 * The Kafka record headers the controller and the job agree on. A failback drain copies each
 * stranded event with {@link #STRANDED_HEADER} (value: the failover epoch, as decimal text), so the
 * job counts it in its own event-time window whatever the late policy. Once the job has
 * checkpointed every drained event, the controller writes one {@link #CONTROL_HEADER} record
 * with value {@link #STRANDED_DRAINED} to each input partition (value: that epoch), and the job
 * releases the windows it held for that epoch with their complete values.
 */
public final class ControlRecords {

    private ControlRecords() {}

    public static final String STRANDED_HEADER = "fgf-stranded";
    public static final String CONTROL_HEADER = "fgf-control";
    public static final String EPOCH_HEADER = "fgf-epoch";
    /** Control kind: every stranded event of the epoch has been drained and processed. */
    public static final String STRANDED_DRAINED = "stranded-drained";
}
