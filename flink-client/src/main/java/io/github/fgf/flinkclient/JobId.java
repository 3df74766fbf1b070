package io.github.fgf.flinkclient;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Flink JobID: 32 hex digits. A caller that chooses it (from its own record) makes submission
 * idempotent, since Flink refuses a second job with an id it already has.
 */
public record JobId(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");

    public JobId {
        hex = hex == null ? null : hex.toLowerCase(Locale.ROOT);
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a Flink JobID is 32 hex digits, not '" + hex + "'");
        }
    }

    public static JobId of(String hex) {
        return new JobId(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
