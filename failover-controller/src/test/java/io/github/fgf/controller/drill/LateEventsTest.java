package io.github.fgf.controller.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fgf.testing.Events;
import io.github.fgf.testing.Hubs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill's count of acknowledged events found in a late hub: each once, whichever region's hub had it. */
class LateEventsTest {

    static Hubs.Read read(long offset, String value) {
        return new Hubs.Read(0, offset, null, value, Map.of(), 0);
    }

    @Test
    void countsEachAcknowledgedEventOnceAndNothingElse() {
        List<Events.Line> acked = List.of(Events.event("e1", "d-1", 1_000, Map.of("t", 1.0)),
                Events.event("e2", "d-2", 2_000, Map.of("t", 1.0)), Events.event("e3", "d-3", 3_000, Map.of("t", 1.0)));
        List<Hubs.Read> lateA = List.of(read(0, acked.get(0).json()), read(1, "{not json"),
                read(2, Events.event("other", "x-1", 1_000, Map.of()).json()));
        // e1 again in B's late hub (a retry that reached both), and e3.
        List<Hubs.Read> lateB = List.of(read(0, acked.get(0).json()), read(1, acked.get(2).json()));
        assertEquals(2, LateEvents.count(acked, lateA, lateB));
        assertEquals(0, LateEvents.count(acked, List.of()));
    }
}
