package io.github.fgf.controller.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.testing.Hubs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output timing across a failover, from output records made up here. */
class OutputTimesTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static Hubs.Read out(String device, Instant windowEnd, Instant at) {
        return new Hubs.Read(0, 0, device, "{\"deviceId\":\"" + device + "\",\"windowEnd\":\"" + windowEnd + "\",\"count\":1}", Map.of(),
                at.toEpochMilli());
    }

    @Test
    void theFirstOutputIsTheEarliestRecordOfTheDrillsDevicesAfterTheLoss() {
        List<Hubs.Read> b = List.of(
                out("drill-d1", T.plusSeconds(60), T.plusSeconds(95)),
                out("drill-d2", T.plusSeconds(60), T.plusSeconds(94)),
                out("other-d1", T.plusSeconds(60), T.plusSeconds(70)),   // not the drill's device
                out("drill-d3", T, T.plusSeconds(5)),                      // before the loss
                new Hubs.Read(0, 1, "drill-d4", "not json", Map.of(), T.plusSeconds(80).toEpochMilli()));
        OutputTimes.Emission first = OutputTimes.first(b, T.plusSeconds(30), "drill-").orElseThrow();
        assertEquals("drill-d2", first.device());
        assertEquals(T.plusSeconds(60), first.windowEnd());
        assertEquals(34.0, first.delaySeconds());
    }

    @Test
    void theMostDelayedWindowCountsEachWindowsFirstOutputInEitherRegion() {
        Instant loss = T.plusSeconds(30);
        // d1's window ending at 60 s: A never emitted it (lost), B emitted it at 95 s, then again at 200 s (failback).
        // d2's window ending at 60 s: A emitted it on time at 66 s, B again at 90 s: its first output counts.
        // d3's window ending at 0 s ended before the loss; d4's at 300 s after the producer stopped.
        List<Hubs.Read> a = List.of(out("drill-d2", T.plusSeconds(60), T.plusSeconds(66)), out("drill-d3", T, T.plusSeconds(100)));
        List<Hubs.Read> b = List.of(out("drill-d1", T.plusSeconds(60), T.plusSeconds(95)), out("drill-d1", T.plusSeconds(60), T.plusSeconds(200)),
                out("drill-d2", T.plusSeconds(60), T.plusSeconds(90)), out("drill-d4", T.plusSeconds(300), T.plusSeconds(400)));
        OutputTimes.Emission worst = OutputTimes.mostDelayed(a, b, "drill-", loss, T.plusSeconds(250)).orElseThrow();
        assertEquals("drill-d1", worst.device());
        assertEquals(35.0, worst.delaySeconds());
        assertTrue(OutputTimes.mostDelayed(a, List.of(), "drill-", T.plusSeconds(61), T.plusSeconds(250)).isEmpty());
    }
}
