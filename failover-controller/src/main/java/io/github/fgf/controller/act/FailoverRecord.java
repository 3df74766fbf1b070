package io.github.fgf.controller.act;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The persisted state of one failover: which steps are done and when, and what each decided.
 * A restarted controller reads it and continues with the first step not done.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailoverRecord(String id, long epoch, String mode, String from, String to, String status, String reason,
                             String declaredAt, Map<String, String> steps, String restorePoint, String restorePointCompletedAt,
                             List<Map<String, String>> rejected, String jobName, String jobId,
                             Map<String, Long> lastKnownEndOffsets, Map<String, Long> restoreOffsets, String plannedSavepoint,
                             String lastKnownAt, Double inputRatePerSecond) {

    /** Without the time and rate of the last known end offsets (records of older versions read this way too). */
    public FailoverRecord(String id, long epoch, String mode, String from, String to, String status, String reason,
                          String declaredAt, Map<String, String> steps, String restorePoint, String restorePointCompletedAt,
                          List<Map<String, String>> rejected, String jobName, String jobId,
                          Map<String, Long> lastKnownEndOffsets, Map<String, Long> restoreOffsets, String plannedSavepoint) {
        this(id, epoch, mode, from, to, status, reason, declaredAt, steps, restorePoint, restorePointCompletedAt, rejected, jobName,
                jobId, lastKnownEndOffsets, restoreOffsets, plannedSavepoint, null, null);
    }

    public static final String IN_PROGRESS = "in-progress";
    public static final String DONE = "done";
    /** A done failover whose failback has completed: the next failover starts a new record (and epoch). */
    public static final String FAILED_BACK = "failed-back";
    public static final String REFUSED = "refused";
    public static final String FORCED = "forced";
    public static final String PLANNED = "planned";

    public boolean done(Step step) {
        return steps.containsKey(step.key());
    }

    public boolean planned() {
        return PLANNED.equals(mode);
    }

    private FailoverRecord copy(Map<String, String> s, String st, String why, String rp, String rpAt, List<Map<String, String>> rej,
                                String job, Map<String, Long> lastKnown, Map<String, Long> offsets, String planned) {
        return new FailoverRecord(id, epoch, mode, from, to, st, why, declaredAt, s, rp, rpAt, rej, jobName, job, lastKnown, offsets,
                planned, lastKnownAt, inputRatePerSecond);
    }

    public FailoverRecord withStep(Step step, String at) {
        Map<String, String> s = new LinkedHashMap<>(steps);
        s.put(step.key(), at);
        return copy(s, status, reason, restorePoint, restorePointCompletedAt, rejected, jobId, lastKnownEndOffsets, restoreOffsets,
                plannedSavepoint);
    }

    public FailoverRecord withStatus(String st, String why) {
        return copy(steps, st, why, restorePoint, restorePointCompletedAt, rejected, jobId, lastKnownEndOffsets, restoreOffsets,
                plannedSavepoint);
    }

    public FailoverRecord withRestorePoint(String path, String completedAt, List<Map<String, String>> rej, Map<String, Long> offsets) {
        return copy(steps, status, reason, path, completedAt, rej, jobId, lastKnownEndOffsets, offsets, plannedSavepoint);
    }

    public FailoverRecord withJob(String job) {
        return copy(steps, status, reason, restorePoint, restorePointCompletedAt, rejected, job, lastKnownEndOffsets, restoreOffsets,
                plannedSavepoint);
    }

    public FailoverRecord withLastKnownEndOffsets(Map<String, Long> offsets) {
        return copy(steps, status, reason, restorePoint, restorePointCompletedAt, rejected, jobId, offsets, restoreOffsets,
                plannedSavepoint);
    }

    /** The last probe of the primary before the loss: its end offsets, when they were seen, and the input rate then. */
    public FailoverRecord withLastProbe(LastProbe.Observation o) {
        return new FailoverRecord(id, epoch, mode, from, to, status, reason, declaredAt, steps, restorePoint, restorePointCompletedAt,
                rejected, jobName, jobId, o.endOffsets(), restoreOffsets, plannedSavepoint,
                o.observedAt() == null ? null : o.observedAt().toString(), o.ratePerSecond());
    }

    public FailoverRecord withPlannedSavepoint(String path) {
        return copy(steps, status, reason, restorePoint, restorePointCompletedAt, rejected, jobId, lastKnownEndOffsets, restoreOffsets,
                path);
    }

    /** The named, idempotent steps (design.md steps 2-7; planned adds disable_sends, drain, stop and replicate). */
    public enum Step {
        FENCE, PROMOTE, DISABLE_SENDS, DRAIN, STOP, REPLICATE, CHOOSE, SUBMIT, VERIFY;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
