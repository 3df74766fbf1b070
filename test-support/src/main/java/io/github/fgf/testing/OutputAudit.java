package io.github.fgf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The output, as a consumer that follows the README's output contract keeps it, window by window against an
 * independent computation over the acknowledged events: which windows are missing, extra or differ (count or any
 * metric), how many events that loses or counts twice, and which windows were marked partial and later corrected
 * (or never were).
 *
 * @param eventsLost per window, the acknowledged events the kept record does not count (all of a missing window's)
 * @param eventsCountedTwice per window, what the kept record counts beyond the acknowledged events (all of an extra
 *     window's): an event counted twice, or one whose send failed but reached the hub all the same
 */
public record OutputAudit(long eventsAcknowledged, int windowsExpected, int windowsRead, List<String> missing, List<String> extra,
                          List<String> differing, long eventsLost, long eventsCountedTwice, List<String> partialThenCorrected,
                          List<String> stillPartial) {

    /**
     * @param acknowledged every event the producer had acknowledged (duplicates by id count once)
     * @param output the output records in read order: the old primary's hub, then the new primary's
     * @param ourDevices which devices this audit is about: another producer's, or the clock events' that close windows,
     *     are not
     */
    public static OutputAudit of(List<Events.Line> acknowledged, List<Hubs.Read> output, long windowMillis,
                                 Predicate<String> ourDevices) {
        Predicate<String> ours = key -> ourDevices.test(key.substring(0, Math.max(0, key.lastIndexOf('|'))));
        Map<String, String> expected = ExpectedAggregates.of(acknowledged, windowMillis, Set.of());
        expected.keySet().removeIf(k -> !ours.test(k));
        List<Hubs.Read> mine = output.stream().filter(r -> r.key() != null && ours.test(r.key())).toList();
        Map<String, JsonNode> kept = Hubs.consumerView(mine);
        Map<String, String> actual = new TreeMap<>();
        kept.forEach((k, n) -> actual.put(k, Hubs.canonical(n)));
        WindowComparison c = WindowComparison.of(expected, actual);
        long lost = 0;
        long twice = 0;
        for (String k : new TreeSet<>(union(expected.keySet(), actual.keySet()))) {
            long want = expected.containsKey(k) ? count(expected.get(k)) : 0;
            long got = actual.containsKey(k) ? count(actual.get(k)) : 0;
            lost += Math.max(0, want - got);
            twice += Math.max(0, got - want);
        }
        Set<String> everPartial = new HashSet<>();
        for (Hubs.Read r : mine) {
            if (Hubs.parse(r.value()).path("partial").asBoolean(false)) everPartial.add(r.key());
        }
        List<String> corrected = new ArrayList<>();
        List<String> still = new ArrayList<>();
        for (String k : new TreeSet<>(everPartial)) {
            (kept.get(k).path("partial").asBoolean(false) ? still : corrected).add(k);
        }
        Set<String> ids = new HashSet<>();
        for (Events.Line l : acknowledged) {
            if (!l.malformed() && l.eventId() != null && ourDevices.test(l.deviceId())) ids.add(l.eventId());
        }
        return new OutputAudit(ids.size(), expected.size(), actual.size(), c.missing(), c.extra(), c.differing(), lost, twice,
                corrected, still);
    }

    /** Every window right: none missing, extra, differing or still partial, nothing lost or counted twice. */
    public boolean exact() {
        return missing.isEmpty() && extra.isEmpty() && differing.isEmpty() && stillPartial.isEmpty() && eventsLost == 0
                && eventsCountedTwice == 0;
    }

    /** Empty when exact; otherwise the counts and the first few of each. */
    public String problems() {
        if (exact()) return "";
        return windowsExpected + " windows expected, " + windowsRead + " read: " + missing.size() + " missing " + head(missing)
                + ", " + extra.size() + " extra " + head(extra) + ", " + differing.size() + " differing " + head(differing) + ", "
                + stillPartial.size() + " still partial " + head(stillPartial) + "; " + eventsLost + " events lost, "
                + eventsCountedTwice + " counted twice";
    }

    private static long count(String canonical) {
        int semi = canonical.indexOf(';');
        return Long.parseLong(canonical.substring("count=".length(), semi < 0 ? canonical.length() : semi));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static List<String> head(List<String> l) {
        return l.subList(0, Math.min(3, l.size()));
    }
}
