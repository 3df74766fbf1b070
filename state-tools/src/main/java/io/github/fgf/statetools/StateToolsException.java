package io.github.fgf.statetools;

/** A failure of a state-tools operation, with the exit code class it maps to. */
public class StateToolsException extends RuntimeException {

    /** What went wrong, for exit codes: a finding (1) or a usage/access problem (2). */
    public enum Reason { PROBLEM, USAGE, ACCESS }

    private final Reason reason;

    public StateToolsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StateToolsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
