package io.github.fgf.controller.drill;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measured figure of a drill beside its target.
 *
 * @param key the figure's name in JSON ({@code detectionSeconds}, ...), as the README defines it
 * @param value the measurement; null when it could not be measured (then {@code met} is false)
 * @param target the target as text ({@code <= 30}, {@code 0}, {@code within [3, 40]}); null: informational
 * @param met whether the measurement meets the target; null when there is no target
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Figure(String key, String label, Number value, String unit, String target, Boolean met) {

    /** At most {@code limit}. */
    public static Figure atMost(String key, String label, Number value, String unit, double limit) {
        return new Figure(key, label, value, unit, "<= " + trim(limit), value != null && value.doubleValue() <= limit);
    }

    /** Exactly zero. */
    public static Figure zero(String key, String label, Number value, String unit) {
        return new Figure(key, label, value, unit, "0", value != null && value.doubleValue() == 0);
    }

    /** Reported without a target. */
    public static Figure info(String key, String label, Number value, String unit) {
        return new Figure(key, label, value, unit, null, null);
    }

    /** Within {@code [low, high]}; an unknown high bound: at least {@code low}. */
    public static Figure within(String key, String label, Number value, String unit, Long low, Long high) {
        if (low == null) return new Figure(key, label, value, unit, "unknown (no estimate)", false);
        boolean met = value != null && value.longValue() >= low && (high == null || value.longValue() <= high);
        return new Figure(key, label, value, unit, high == null ? ">= " + low : "within [" + low + ", " + high + "]", met);
    }

    public String valueText() {
        return value == null ? "not measured" : trim(value.doubleValue()) + (unit.isEmpty() ? "" : " " + unit);
    }

    static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
