package io.github.fgf.job.config;

import java.io.Serializable;

/**
 * Which windows of a forced failover's job may lack events stranded in the lost region, and which
 * of those it holds until the failback drain is done. Stranded events were enqueued before
 * {@code strandedBefore}; their event time is at most that plus the out-of-orderness (a producer
 * stamps an event before it sends it), so later windows cannot lack any.
 *
 * @param strandedBefore epoch millis, {@code Long.MIN_VALUE} for no hold
 * @param outOfOrderness millis of clock slack allowed between event time and enqueue time
 * @param horizon millis before {@code strandedBefore} that windows are held; older ones are only marked
 */
public record StrandedHold(long strandedBefore, long outOfOrderness, long horizon) implements Serializable {

    public static final StrandedHold NONE = new StrandedHold(Long.MIN_VALUE, 0, 0);

    public boolean active() {
        return strandedBefore != Long.MIN_VALUE;
    }

    /** Whether the window starting at {@code start} may lack stranded events (so its records are marked partial). */
    public boolean mayLack(long start) {
        return active() && start < strandedBefore + outOfOrderness;
    }

    /** Whether that window is kept in state until the drain is done, to be emitted again with its complete value. */
    public boolean holds(long start, long size) {
        return mayLack(start) && start + size > strandedBefore - horizon;
    }
}
