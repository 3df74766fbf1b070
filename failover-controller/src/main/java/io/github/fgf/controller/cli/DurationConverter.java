package io.github.fgf.controller.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line: ISO-8601 ({@code PT5S}) or {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 0}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("p")) return Duration.parse(value.trim());
            if (v.equals("0")) return Duration.ZERO;
            for (var unit : java.util.List.of(java.util.Map.entry("ms", 1L), java.util.Map.entry("s", 1000L),
                    java.util.Map.entry("m", 60_000L), java.util.Map.entry("h", 3_600_000L))) {
                if (v.endsWith(unit.getKey())) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - unit.getKey().length())) * unit.getValue());
                }
            }
        } catch (RuntimeException e) {
            // the readable error below
        }
        throw new TypeConversionException("'" + value + "' is not a duration; expected e.g. 500ms, 5s, 2m or PT5S");
    }
}
