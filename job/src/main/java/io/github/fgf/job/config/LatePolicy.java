package io.github.fgf.job.config;

import java.util.Locale;

/** What happens to an event that arrives after its window closed and its allowed lateness passed. */
public enum LatePolicy {
    /** Discard it (counted in a metric). */
    DROP,
    /** Stream Analytics' Adjust: move its timestamp to the current watermark, into the open window. */
    ADJUST,
    /** Send it, unchanged, to the late hub. */
    SIDE_OUTPUT;

    public static LatePolicy parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
