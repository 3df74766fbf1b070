package io.github.fgf.localregions;

/** A failure of the local environment, with a machine-readable reason and a message that says what to do. */
public class LocalRegionsException extends RuntimeException {

    /** Why the environment could not do what was asked. */
    public enum Reason {
        PREREQUISITE_MISSING,
        PORT_IN_USE,
        /** A port drawn free was taken by another process before the server bound it. */
        PORT_TAKEN,
        PROCESS_DIED,
        TIMEOUT,
        NOT_RUNNING,
        ALREADY_RUNNING,
        BAD_ARGUMENT,
        IO
    }

    private final Reason reason;

    public LocalRegionsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LocalRegionsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
