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
public record FailoverRecord(String id, long epoch, String from, String to, String status, String reason,
                             String declaredAt, Map<String, String> steps, String restorePoint, String restorePointCompletedAt,
                             List<Map<String, String>> rejected, String jobName, String jobId,
                             Map<String, Long> lastKnownEndOffsets, Map<String, Long> restoreOffsets) {

    public static final String IN_PROGRESS = "in-progress";
    public static final String DONE = "done";
    public static final String REFUSED = "refused";

    public boolean done(Step step) {
        return steps.containsKey(step.key());
    }

    public FailoverRecord withStep(Step step, String at) {
        Map<String, String> s = new LinkedHashMap<>(steps);
        s.put(step.key(), at);
        return new FailoverRecord(id, epoch, from, to, status, reason, declaredAt, s, restorePoint, restorePointCompletedAt,
                rejected, jobName, jobId, lastKnownEndOffsets, restoreOffsets);
    }

    public FailoverRecord withStatus(String st, String why) {
        return new FailoverRecord(id, epoch, from, to, st, why, declaredAt, steps, restorePoint, restorePointCompletedAt,
                rejected, jobName, jobId, lastKnownEndOffsets, restoreOffsets);
    }

    public FailoverRecord withRestorePoint(String path, String completedAt, List<Map<String, String>> rej, Map<String, Long> offsets) {
        return new FailoverRecord(id, epoch, from, to, status, reason, declaredAt, steps, path, completedAt, rej, jobName, jobId,
                lastKnownEndOffsets, offsets);
    }

    public FailoverRecord withJob(String id2) {
        return new FailoverRecord(id, epoch, from, to, status, reason, declaredAt, steps, restorePoint, restorePointCompletedAt,
                rejected, jobName, id2, lastKnownEndOffsets, restoreOffsets);
    }

    /** The named, idempotent steps of a forced failover (design.md steps 2-7). */
    public enum Step {
        FENCE, PROMOTE, CHOOSE, SUBMIT, VERIFY;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
