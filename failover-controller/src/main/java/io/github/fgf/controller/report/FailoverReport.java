package io.github.fgf.controller.report;

import io.github.fgf.controller.act.FailoverRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a failover cost: the time of each step, RTO (declared to verified), state RPO (the last
 * moment the primary was seen healthy minus the restore point's write time) and the events at risk
 * (A's last known end offsets minus the restore point's offsets, a lower bound; plus the input rate
 * times the time from that probe to the declaration, an upper bound), with the restore point and
 * every rejected candidate.
 */
public record FailoverReport(String id, long epoch, String status, String reason, String declaredAt, Map<String, String> steps,
                             Long rtoMillis, Long stateRpoMillis, Long eventsAtRisk, String eventsAtRiskNote,
                             String restorePoint, String restorePointCompletedAt, List<Map<String, String>> rejected,
                             String jobId, String lastSeenHealthyAt, String stateRpoFrom, Long eventsAtRiskUpperBound,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             ReplicationReport replication) {

    public static FailoverReport of(FailoverRecord r) {
        Instant declared = r.declaredAt();
        Long rto = r.stepAt(FailoverRecord.Step.VERIFY).map(v -> Duration.between(declared, v).toMillis()).orElse(null);
        Instant probed = r.lastKnownAt();
        Instant restorePoint = r.restorePointCompletedAt();
        // The primary was healthy when it last answered a probe, and when it wrote the restore point.
        Instant healthy = probed == null ? restorePoint : restorePoint == null || probed.isAfter(restorePoint) ? probed : restorePoint;
        String rpoFrom;
        Long rpo = null;
        if (restorePoint == null) {
            rpoFrom = "unknown: no restore point chosen";
        } else if (probed == null) {
            rpo = Duration.between(restorePoint, declared).toMillis();
            rpoFrom = "the declaration (no timed probe of the primary was recorded), so it includes the detection time";
        } else {
            rpo = Duration.between(restorePoint, healthy).toMillis();
            rpoFrom = healthy.equals(probed) ? "the primary's last healthy probe" : "the restore point (written after the last probe)";
        }
        Long atRisk = null;
        Long upper = null;
        String note;
        if (r.lastKnownEndOffsets() == null || r.lastKnownEndOffsets().isEmpty()) {
            note = "unknown: no probe of the primary's end offsets was recorded before the loss";
        } else if (r.restoreOffsets() == null || r.restoreOffsets().isEmpty()) {
            note = "unknown: no restore point chosen";
        } else {
            long sum = 0;
            for (var e : r.lastKnownEndOffsets().entrySet()) {
                sum += Math.max(0, e.getValue() - r.restoreOffsets().getOrDefault(e.getKey(), 0L));
            }
            atRisk = sum;
            if (probed != null && r.inputRatePerSecond() != null) {
                double seconds = Math.max(0, Duration.between(probed, declared).toMillis() / 1000.0);
                upper = sum + (long) Math.ceil(r.inputRatePerSecond() * seconds);
                note = "events the primary held beyond the restore point, at least (at its last probe, " + probed + ") and at most "
                        + "that plus the input rate then times the time to the declaration; stranded there until failback drains them";
            } else {
                note = "events the primary held beyond the restore point at its last probe (at least; no input rate for an upper "
                        + "bound): stranded there until failback drains them";
            }
        }
        ReplicationReport replication = ReplicationReport.of(r);
        if (replication != null && !r.planned() && r.lastKnownEndOffsets() != null && !r.lastKnownEndOffsets().isEmpty()) {
            // Geo-Replication: what the restore point did not hold is in the new primary too, up to where replication
            // stopped; at risk is only what never reached it.
            atRisk = replication.lostInReplicationTotal();
            upper = upper == null || r.restoreOffsets() == null || r.restoreOffsets().isEmpty() ? null : atRisk + (upper - sumBeyondRestore(r));
            note = "events the old primary took that never reached the new one, at least (from where replication stopped to the "
                    + "primary's end at its last probe, per partition in replication.lostInReplication)"
                    + (upper == null ? "" : ", at most that plus the input rate times the time to the declaration")
                    + "; failback drains them from the old primary and reports the exact offsets";
        }
        Map<String, String> steps = new LinkedHashMap<>();
        r.steps().forEach((step, at) -> steps.put(step.key(), at.toString()));
        return new FailoverReport(r.id(), r.epoch(), r.status().text(), r.reason(), declared.toString(), steps, rto, rpo, atRisk, note,
                r.restorePoint(), restorePoint == null ? null : restorePoint.toString(), r.rejected(), r.jobId(),
                healthy == null ? null : healthy.toString(), rpoFrom, upper, replication);
    }

    private static long sumBeyondRestore(FailoverRecord r) {
        long sum = 0;
        for (var e : r.lastKnownEndOffsets().entrySet()) sum += Math.max(0, e.getValue() - r.restoreOffsets().getOrDefault(e.getKey(), 0L));
        return sum;
    }
}
