package io.github.fgf.job.config;

import java.time.Instant;

/**
 * Where the source starts reading partitions it has no restored offset for: {@code earliest},
 * {@code latest}, {@code timestamp:<ISO-8601>}, or {@code savepoint} (restored offsets; new
 * partitions from the group's committed offsets, else earliest).
 */
public record StartPosition(Kind kind, Instant timestamp) {

    /** The four forms. */
    public enum Kind { EARLIEST, LATEST, TIMESTAMP, SAVEPOINT }

    public static StartPosition parse(String s) {
        if (s.startsWith("timestamp:")) {
            return new StartPosition(Kind.TIMESTAMP, Instant.parse(s.substring("timestamp:".length())));
        }
        return switch (s) {
            case "earliest" -> new StartPosition(Kind.EARLIEST, null);
            case "latest" -> new StartPosition(Kind.LATEST, null);
            case "savepoint" -> new StartPosition(Kind.SAVEPOINT, null);
            default -> throw new IllegalArgumentException(s);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.TIMESTAMP ? "timestamp:" + timestamp : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
