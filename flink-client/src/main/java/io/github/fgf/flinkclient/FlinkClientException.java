package io.github.fgf.flinkclient;

import java.io.IOException;

/** A Flink REST call that failed: unreachable, timed out, or answered with an error. */
public class FlinkClientException extends IOException {

    private final int status;

    public FlinkClientException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the cluster was not reached. */
    public int status() {
        return status;
    }

    /** The cluster was not reached at all (connection refused, timeout): it may be down. */
    public boolean unreachable() {
        return status == 0;
    }

    /** Flink already has a job with the chosen JobID: a second submission of the same thing. */
    public static final class DuplicateJob extends FlinkClientException {
        public DuplicateJob(JobId id, String message) {
            super("Flink already has job " + id + ": " + message, 409, null);
        }
    }
}
