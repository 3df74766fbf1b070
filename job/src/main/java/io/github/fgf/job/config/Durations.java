package io.github.fgf.job.config;

import java.time.Duration;
import java.util.Locale;

/** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 0} or ISO-8601 {@code PT10S}. */
public final class Durations {

    public static final String FORM = "a duration such as 500ms, 10s, 5m, 1h or PT10S";

    private Durations() {}

    public static Duration parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) return Duration.parse(s.trim());
        if (v.equals("0")) return Duration.ZERO;
        if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(s);
        };
    }
}
