package io.github.fgf.flinkclient;

import java.util.Locale;

/** A job's status as Flink's REST API reports it ({@code org.apache.flink.api.common.JobStatus}), plus UNKNOWN. */
public enum JobState {
    INITIALIZING, CREATED, RUNNING, FAILING, FAILED, CANCELLING, CANCELED, FINISHED, RESTARTING, SUSPENDED, RECONCILING,
    /** A state this client does not know (a newer Flink). Treated as not terminal: nothing is assumed to have ended. */
    UNKNOWN;

    /** Globally terminal: the job will not run again on this cluster. SUSPENDED is not (HA may resume it). */
    public boolean terminal() {
        return this == FAILED || this == CANCELED || this == FINISHED;
    }

    public static JobState parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return UNKNOWN;
        }
    }
}
