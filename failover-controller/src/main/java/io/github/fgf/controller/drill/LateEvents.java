package io.github.fgf.controller.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fgf.testing.Events;
import io.github.fgf.testing.Hubs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The acknowledged events the job sent to a late hub: judged too late for their window. A drill's events are never
 * that late, so any here are lost to the output for a reason of the job's watermarks, not of the failover; the figure
 * says which of the two an {@code eventsLost} comes from.
 */
final class LateEvents {

    private LateEvents() {}

    @SafeVarargs
    static long count(List<Events.Line> acked, List<Hubs.Read>... lateHubs) {
        Set<String> ids = new HashSet<>();
        for (Events.Line l : acked) {
            if (!l.malformed() && l.eventId() != null) ids.add(l.eventId());
        }
        Set<String> late = new HashSet<>();
        for (List<Hubs.Read> hub : lateHubs) {
            for (Hubs.Read r : hub) {
                String id = eventId(r.value());
                if (id != null && ids.contains(id)) late.add(id);
            }
        }
        return late.size();
    }

    private static String eventId(String value) {
        try {
            JsonNode n = Hubs.json(value);
            return n.hasNonNull("eventId") ? n.get("eventId").asText() : null;
        } catch (Exception e) {
            return null; // not an event: nothing of the drill's
        }
    }
}
