package io.github.fgf.testing;

import java.util.List;
import java.util.Map;

/** Window by window: which expected windows are missing, which are extra, which differ (count or any metric). */
public record WindowComparison(int expected, List<String> missing, List<String> extra, List<String> differing) {

    public static WindowComparison of(Map<String, String> expected, Map<String, String> actual) {
        return new WindowComparison(expected.size(),
                expected.keySet().stream().filter(k -> !actual.containsKey(k)).toList(),
                actual.keySet().stream().filter(k -> !expected.containsKey(k)).toList(),
                expected.keySet().stream().filter(k -> actual.containsKey(k) && !expected.get(k).equals(actual.get(k)))
                        .map(k -> k + " expected " + expected.get(k) + " got " + actual.get(k)).toList());
    }

    public boolean exact() {
        return missing.isEmpty() && extra.isEmpty() && differing.isEmpty();
    }

    /** Empty when exact; otherwise the counts and the first few of each, for an assertion message. */
    public String problems() {
        if (exact()) return "";
        return expected + " windows expected: " + missing.size() + " missing " + head(missing) + ", " + extra.size() + " extra "
                + head(extra) + ", " + differing.size() + " differing " + head(differing);
    }

    private static List<String> head(List<String> l) {
        return l.subList(0, Math.min(3, l.size()));
    }
}
