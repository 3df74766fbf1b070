package io.github.fgf.controller.drill;

import io.github.fgf.testing.OutputAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one drill run measured, raw, and the figures drawn from it (each beside its target). Times are instants;
 * every duration figure counts from the loss (a planned drill: from the start of the move), not from the declaration.
 *
 * @param lossAt when the primary was killed (the SIGKILLs, as kill-region prints them) or the planned move began
 * @param killAfterSavepointSeconds how long after the latest savepoint the kill came
 * @param declaredAt when watch declared the primary lost; null where detection is not measured (planned, or a real
 *     deployment's drill, which starts the failover itself)
 * @param steps when each failover step completed
 * @param restorePointWrittenAt when the chosen restore point was written (its progress)
 * @param firstOutputAt the secondary's first output record
 * @param caughtUpAt the secondary's job had committed what its input held two seconds earlier
 * @param eventsAtRiskLow the failover report's events at risk (lower bound), {@code eventsAtRiskHigh} its upper bound
 * @param strandedFound what failback found in the old primary beyond the restore point (drained + lost to retention)
 * @param shipping the checkpoint shipments watch made before the loss; null without shipping (or a planned drill)
 * @param outputTiming when the output came, window by window, across the failover; null where not measured
 * @param eventsSentLate acknowledged events the job sent to either region's late hub; null where not read
 */
public record DrillResult(String runId, String mode, Instant startedAt, Instant lossAt, Double killAfterSavepointSeconds,
                          Instant declaredAt, Map<String, Instant> steps, String failoverStatus, String failoverReason,
                          String restorePoint, Instant restorePointWrittenAt, Instant firstOutputAt, Instant caughtUpAt,
                          Instant revivedAt, Instant failbackDoneAt, Long eventsAtRiskLow, Long eventsAtRiskHigh, Long strandedFound,
                          double baselineEventsPerSecond, Long baselineLatencyP50Millis, Long baselineLatencyP99Millis,
                          long eventsSent, long sendsFailed, OutputAudit audit, double detectionTargetSeconds, Instant endedAt,
                          Shipping shipping, OutputTiming outputTiming, GeoReplicationCheck geoReplication, Long eventsSentLate) {

    /**
     * A forced drill in Geo-Replication mode: the offsets failback reported as never replicated, beside the records the
     * new primary lacked when the old one came back (read from both brokers before the failback); and how many
     * partitions the failover repositioned (a restore offset beyond what replication had reached).
     */
    public record GeoReplicationCheck(long lostReported, long lostTrue, long mismatched, int repositioned) {}

    /**
     * What a consumer of the output saw: the end of the window the secondary emitted first, and the window (ending after
     * the loss, before the producer stopped) whose first output came longest after its end, in either region.
     */
    public record OutputTiming(Instant firstOutputWindowEnd, OutputTimes.Emission mostDelayed) {}

    /**
     * Checkpoint shipping before the loss, as watch reported it: shipments, the worst lag (checkpoint completed to its
     * copy complete in the secondary), the copy volume per hour, the longest time between the completions of two
     * consecutive shipped checkpoints (the job's checkpoint interval as it really went: a checkpoint that takes longer
     * than the interval stretches it), and whether the failover restored a shipped checkpoint.
     */
    public record Shipping(int shipments, Long maxLagMillis, Long bytesPerHour, double maxCheckpointGapSeconds,
                           boolean restoredShipped) {}

    public DrillResult(String runId, String mode, Instant startedAt, Instant lossAt, Double killAfterSavepointSeconds,
                       Instant declaredAt, Map<String, Instant> steps, String failoverStatus, String failoverReason,
                       String restorePoint, Instant restorePointWrittenAt, Instant firstOutputAt, Instant caughtUpAt,
                       Instant revivedAt, Instant failbackDoneAt, Long eventsAtRiskLow, Long eventsAtRiskHigh, Long strandedFound,
                       double baselineEventsPerSecond, Long baselineLatencyP50Millis, Long baselineLatencyP99Millis,
                       long eventsSent, long sendsFailed, OutputAudit audit, double detectionTargetSeconds, Instant endedAt) {
        this(runId, mode, startedAt, lossAt, killAfterSavepointSeconds, declaredAt, steps, failoverStatus, failoverReason, restorePoint,
                restorePointWrittenAt, firstOutputAt, caughtUpAt, revivedAt, failbackDoneAt, eventsAtRiskLow, eventsAtRiskHigh,
                strandedFound, baselineEventsPerSecond, baselineLatencyP50Millis, baselineLatencyP99Millis, eventsSent, sendsFailed,
                audit, detectionTargetSeconds, endedAt, null, null, null, null);
    }

    public DrillResult(String runId, String mode, Instant startedAt, Instant lossAt, Double killAfterSavepointSeconds,
                       Instant declaredAt, Map<String, Instant> steps, String failoverStatus, String failoverReason,
                       String restorePoint, Instant restorePointWrittenAt, Instant firstOutputAt, Instant caughtUpAt,
                       Instant revivedAt, Instant failbackDoneAt, Long eventsAtRiskLow, Long eventsAtRiskHigh, Long strandedFound,
                       double baselineEventsPerSecond, Long baselineLatencyP50Millis, Long baselineLatencyP99Millis,
                       long eventsSent, long sendsFailed, OutputAudit audit, double detectionTargetSeconds, Instant endedAt,
                       Shipping shipping) {
        this(runId, mode, startedAt, lossAt, killAfterSavepointSeconds, declaredAt, steps, failoverStatus, failoverReason, restorePoint,
                restorePointWrittenAt, firstOutputAt, caughtUpAt, revivedAt, failbackDoneAt, eventsAtRiskLow, eventsAtRiskHigh,
                strandedFound, baselineEventsPerSecond, baselineLatencyP50Millis, baselineLatencyP99Millis, eventsSent, sendsFailed,
                audit, detectionTargetSeconds, endedAt, shipping, null, null, null);
    }

    /** The figures, each beside its target (see the README's "Drill figures"). */
    public List<Figure> figures(DrillOptions.Targets targets) {
        List<Figure> f = new ArrayList<>();
        if (declaredAt != null) {
            f.add(Figure.atMost("detectionSeconds", "detection (loss to declared)", seconds(lossAt, declaredAt), "s", detectionTargetSeconds));
        }
        f.add(Figure.atMost("rtoFirstOutputSeconds", "RTO to the secondary's first output", seconds(lossAt, firstOutputAt), "s",
                targets.rtoFirstOutput().toMillis() / 1000.0));
        if (outputTiming != null) {
            f.add(Figure.info("firstOutputWindowEndSeconds", "the secondary's first output: its window's end (from the loss)",
                    seconds(lossAt, outputTiming.firstOutputWindowEnd()), "s"));
            f.add(Figure.info("firstOutputAfterWindowEndSeconds", "the secondary's first output, after its window's end",
                    seconds(outputTiming.firstOutputWindowEnd(), firstOutputAt), "s"));
            f.add(Figure.info("outputDelayMaxSeconds", "worst output delay: a window ending after the loss, its end to its first output",
                    outputTiming.mostDelayed() == null ? null : outputTiming.mostDelayed().delaySeconds(), "s"));
        }
        f.add(Figure.atMost("rtoCaughtUpSeconds", "RTO until the output caught up with the input", seconds(lossAt, caughtUpAt), "s",
                targets.rtoCaughtUp().toMillis() / 1000.0));
        // A restore point written after the loss (a planned move's final savepoint) holds everything: no state lost.
        Double rpo = seconds(restorePointWrittenAt, lossAt);
        f.add(Figure.atMost("stateRpoSeconds", "state RPO (loss minus the restore point's progress)",
                rpo == null ? null : Math.max(0, rpo), "s", targets.stateRpo().toMillis() / 1000.0));
        if (shipping != null) {
            f.add(Figure.info("checkpointShipments", "checkpoints shipped to the secondary before the loss", shipping.shipments(), "shipments"));
            f.add(Figure.info("shippingLagMaxMillis", "shipping lag, worst (checkpoint completed to its copy complete)",
                    shipping.maxLagMillis(), "ms"));
            f.add(Figure.info("shippingBytesPerHour", "shipping copy volume (cross-region egress)", shipping.bytesPerHour(), "bytes/h"));
            if (shipping.restoredShipped() && shipping.maxLagMillis() != null) {
                // Shipping's promise: the state lost is at most one checkpoint interval (as the checkpoints really came) plus
                // the time a copy takes to land.
                f.add(Figure.atMost("stateRpoShippedSeconds", "state RPO vs checkpoint interval (longest gap) + shipping lag",
                        rpo == null ? null : Math.max(0, rpo), "s", shipping.maxCheckpointGapSeconds() + shipping.maxLagMillis() / 1000.0));
            }
        }
        if (geoReplication != null) {
            f.add(Figure.info("lostInReplication", "records that never reached the new primary (failback's report)",
                    geoReplication.lostReported(), "events"));
            f.add(Figure.zero("lostInReplicationMismatch", "offsets failback reported lost vs the records the new primary lacked",
                    geoReplication.mismatched(), "offsets"));
            f.add(Figure.info("partitionsRepositioned", "partitions whose restore offset replication had not reached (repositioned)",
                    geoReplication.repositioned(), "partitions"));
        }
        if (mode.equals("forced")) {
            f.add(strandedFound == null ? Figure.info("eventsAtRisk", "events at risk (report, lower bound)", eventsAtRiskLow, "events")
                    : Figure.within("strandedFound", "events stranded (found at failback) vs the report's events at risk",
                            strandedFound, "events", eventsAtRiskLow, eventsAtRiskHigh));
        }
        f.add(Figure.zero("eventsLost", "events lost", audit.eventsLost(), "events"));
        if (eventsSentLate != null) {
            f.add(Figure.info("eventsSentLate", "events the job sent to a late hub (lost to the output by its watermarks, not the failover)",
                    eventsSentLate, "events"));
        }
        f.add(Figure.zero("eventsCountedTwice", "events counted twice", audit.eventsCountedTwice(), "events"));
        f.add(Figure.zero("windowsMissing", "windows missing", audit.missing().size(), "windows"));
        f.add(Figure.zero("windowsExtra", "windows extra", audit.extra().size(), "windows"));
        f.add(Figure.zero("windowsDiffering", "windows differing", audit.differing().size(), "windows"));
        f.add(Figure.zero("windowsStillPartial", "windows still marked partial", audit.stillPartial().size(), "windows"));
        f.add(mode.equals("planned") ? Figure.zero("windowsPartialThenCorrected", "windows marked partial, later corrected",
                audit.partialThenCorrected().size(), "windows")
                : Figure.info("windowsPartialThenCorrected", "windows marked partial, later corrected", audit.partialThenCorrected().size(), "windows"));
        f.add(Figure.info("windowsExpected", "windows audited", audit.windowsExpected(), "windows"));
        f.add(Figure.info("eventsAcknowledged", "events acknowledged", audit.eventsAcknowledged(), "events"));
        f.add(Figure.info("baselineEventsPerSecond", "baseline input rate", baselineEventsPerSecond, "events/s"));
        f.add(Figure.info("baselineLatencyP50Millis", "baseline end-to-end latency p50 (window end to its output)", baselineLatencyP50Millis, "ms"));
        f.add(Figure.info("baselineLatencyP99Millis", "baseline end-to-end latency p99", baselineLatencyP99Millis, "ms"));
        return f;
    }

    /** Every figure with a target meets it. */
    public boolean passed(DrillOptions.Targets targets) {
        return "done".equals(failoverStatus) && figures(targets).stream().allMatch(x -> x.met() == null || x.met());
    }

    /** {@code passed}; {@code target missed} (exact, failed over, a figure beyond its target); or {@code FAILED}. */
    public String verdict(DrillOptions.Targets targets) {
        if (passed(targets)) return "passed";
        return exact() && "done".equals(failoverStatus) ? "target missed" : "FAILED";
    }

    /** Whether the output was exact: nothing lost, counted twice, missing, extra, differing or left partial. */
    public boolean exact() {
        return audit.exact();
    }

    static Double seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
    }
}
