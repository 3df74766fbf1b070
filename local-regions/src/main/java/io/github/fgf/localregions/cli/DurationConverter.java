package io.github.fgf.localregions.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts ISO-8601 ({@code PT5S}) or the short forms {@code 500ms}, {@code 5s}, {@code 2m}, {@code 0}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("p")) return Duration.parse(value.trim());
            if (v.equals("0")) return Duration.ZERO;
            if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            if (v.endsWith("s")) return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            if (v.endsWith("m")) return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            if (v.endsWith("h")) return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
        } catch (RuntimeException e) {
            // fall through to the readable error
        }
        throw new TypeConversionException("'" + value + "' is not a duration; expected e.g. 500ms, 5s, 2m or PT5S");
    }
}
