package io.github.fgf.statetools.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Exit codes and argument parsing shared by the verbs. */
final class Cli {

    static final int OK = 0;
    static final int PROBLEM = 1;
    static final int USAGE = 2;

    private Cli() {}

    static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": expected an ISO-8601 instant such as 2026-11-21T10:00:00Z, got '" + value + "'");
        }
    }

    static Duration duration(String option, String value) {
        try {
            return io.github.fgf.job.config.Durations.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": expected a duration such as 30m, 1h or PT1H, got '" + value + "'");
        }
    }
}
