package io.github.fgf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The audit the drill trusts must see a wrong window: one event missing, one counted twice, a partial never corrected. */
class OutputAuditTest {

    static final long WINDOW = 60_000;
    static final long T0 = 1_700_000_040_000L; // a window boundary

    /** Three devices, two windows each, four events per window (one retried: the same id twice). */
    static List<Events.Line> acknowledged() {
        List<Events.Line> l = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < 8; i++) {
                l.add(Events.event("e-" + d + "-" + i, "d-" + d, T0 + i * 15_000L, Map.of("temperature", 20 + i * 0.25)));
            }
        }
        l.add(l.get(3)); // a producer retry
        return l;
    }

    /** One output record as the job writes it, for {@code events} of one device and window. */
    static Hubs.Read record(String device, long windowStart, List<Events.Line> events, boolean partial, long epoch) {
        double sum = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (Events.Line e : events) {
            double v = e.metrics().get("temperature");
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        String json = "{\"deviceId\":\"" + device + "\",\"windowStart\":\"" + Instant.ofEpochMilli(windowStart) + "\",\"windowEnd\":\""
                + Instant.ofEpochMilli(windowStart + WINDOW) + "\",\"count\":" + events.size() + ",\"metrics\":{\"temperature\":{\"count\":"
                + events.size() + ",\"sum\":" + sum + ",\"min\":" + min + ",\"max\":" + max + ",\"avg\":" + sum / events.size()
                + "}},\"partial\":" + partial + ",\"region\":\"primary\",\"epoch\":" + epoch + "}";
        return new Hubs.Read(0, 0, device + "|" + Instant.ofEpochMilli(windowStart), json, Map.of(), windowStart + WINDOW);
    }

    /** The right output: each window once, over the distinct acknowledged events. */
    static List<Hubs.Read> rightOutput(List<Events.Line> acked) {
        Map<String, Map<String, Events.Line>> byWindow = new TreeMap<>();
        for (Events.Line e : acked) {
            long start = Math.floorDiv(e.timestamp(), WINDOW) * WINDOW;
            byWindow.computeIfAbsent(e.deviceId() + "@" + start, k -> new TreeMap<>()).put(e.eventId(), e);
        }
        List<Hubs.Read> out = new ArrayList<>();
        byWindow.forEach((k, events) -> out.add(record(k.substring(0, k.indexOf('@')), Long.parseLong(k.substring(k.indexOf('@') + 1)),
                List.copyOf(events.values()), false, 0)));
        return out;
    }

    @Test
    void theRightOutputIsExactAndOtherDevicesAreNotAudited() {
        List<Events.Line> acked = acknowledged();
        List<Hubs.Read> out = new ArrayList<>(rightOutput(acked));
        out.add(record("zz-clock", T0 + 5 * WINDOW, List.of(Events.event("c", "zz-clock", T0 + 5 * WINDOW, Map.of("temperature", 1.0))),
                false, 0));
        OutputAudit a = OutputAudit.of(acked, out, WINDOW, d -> d.startsWith("d-"));
        assertTrue(a.exact(), a.problems());
        assertEquals(24, a.eventsAcknowledged(), "a retried event is one event");
        assertEquals(6, a.windowsExpected());
        assertEquals(6, a.windowsRead());
    }

    @Test
    void aMissingEventIsOneLostAndOneDifferingWindow() {
        List<Events.Line> acked = acknowledged();
        List<Hubs.Read> out = rightOutput(acked.subList(1, acked.size() - 1)); // e-0-0 never counted
        OutputAudit a = OutputAudit.of(acked, out, WINDOW, d -> true);
        assertFalse(a.exact());
        assertEquals(1, a.eventsLost());
        assertEquals(0, a.eventsCountedTwice());
        assertEquals(1, a.differing().size(), a.problems());
        assertTrue(a.differing().get(0).startsWith("d-0|"), a.differing().toString());
    }

    @Test
    void aWindowCountedTwiceAndAMissingWindowAreSeen() {
        List<Events.Line> acked = acknowledged();
        List<Hubs.Read> out = new ArrayList<>(rightOutput(acked));
        Hubs.Read first = out.remove(0);
        List<Events.Line> d0w0 = acked.stream().filter(e -> e.deviceId().equals("d-0") && e.timestamp() < T0 + WINDOW).distinct().toList();
        List<Events.Line> doubled = new ArrayList<>(d0w0);
        doubled.addAll(d0w0);
        out.add(record("d-0", T0, doubled, false, 0)); // the same window, every event counted twice
        out.remove(out.size() - 2); // and the last real window missing
        OutputAudit a = OutputAudit.of(acked, out, WINDOW, d -> true);
        assertEquals(first.key(), a.differing().get(0).substring(0, first.key().length()));
        assertEquals(4, a.eventsCountedTwice());
        assertEquals(1, a.missing().size(), a.problems());
        assertEquals(4, a.eventsLost());
    }

    @Test
    void aPartialWindowCorrectedLaterIsCountedAndOneNeverCorrectedIsWrong() {
        List<Events.Line> acked = acknowledged();
        List<Hubs.Read> right = rightOutput(acked);
        List<Hubs.Read> out = new ArrayList<>();
        Hubs.Read w = right.get(0);
        // A window marked partial in epoch 1, then emitted complete at release; the consumer keeps the last of an epoch.
        out.add(new Hubs.Read(0, 0, w.key(), w.value().replace("\"partial\":false", "\"partial\":true").replace("\"count\":4", "\"count\":3"),
                Map.of(), 0));
        out.addAll(right);
        OutputAudit corrected = OutputAudit.of(acked, out, WINDOW, d -> true);
        assertTrue(corrected.exact(), corrected.problems());
        assertEquals(List.of(w.key()), corrected.partialThenCorrected());

        List<Hubs.Read> never = new ArrayList<>(right);
        never.add(new Hubs.Read(0, 0, w.key(), w.value().replace("\"partial\":false", "\"partial\":true"), Map.of(), 0));
        OutputAudit still = OutputAudit.of(acked, never, WINDOW, d -> true);
        assertFalse(still.exact());
        assertEquals(List.of(w.key()), still.stillPartial());
    }
}
