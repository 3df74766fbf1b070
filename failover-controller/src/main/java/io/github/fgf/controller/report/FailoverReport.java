package io.github.fgf.controller.report;

import io.github.fgf.controller.act.FailoverRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a failover cost: the time of each step, RTO (declared to verified), state RPO (declared
 * minus the restore point's write time) and the events at risk (A's last known end offsets minus
 * the restore point's offsets), with the restore point and every rejected candidate.
 */
public record FailoverReport(String id, long epoch, String status, String reason, String declaredAt, Map<String, String> steps,
                             Long rtoMillis, Long stateRpoMillis, Long eventsAtRisk, String eventsAtRiskNote,
                             String restorePoint, String restorePointCompletedAt, List<Map<String, String>> rejected,
                             String jobId) {

    public static FailoverReport of(FailoverRecord r) {
        Instant declared = Instant.parse(r.declaredAt());
        String verified = r.steps().get(FailoverRecord.Step.VERIFY.key());
        Long rto = verified == null ? null : Duration.between(declared, Instant.parse(verified)).toMillis();
        Long rpo = r.restorePointCompletedAt() == null ? null
                : Duration.between(Instant.parse(r.restorePointCompletedAt()), declared).toMillis();
        Long atRisk = null;
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
            note = "events the primary held beyond the restore point: stranded there until failback drains them";
        }
        return new FailoverReport(r.id(), r.epoch(), r.status(), r.reason(), r.declaredAt(), r.steps(), rto, rpo, atRisk, note,
                r.restorePoint(), r.restorePointCompletedAt(), r.rejected(), r.jobId());
    }
}
