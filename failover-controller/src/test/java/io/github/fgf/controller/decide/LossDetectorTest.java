package io.github.fgf.controller.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fgf.controller.observe.RegionProbe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossDetectorTest {

    static RegionProbe.Result round(boolean flink, boolean hubs, boolean storage) {
        return new RegionProbe.Result("primary", Instant.now(), flink, hubs, storage, null, flink ? "RUNNING" : null, null,
                hubs ? Map.of() : null, null, null, flink && hubs && storage ? List.of() : List.of("down"));
    }

    @Test
    void lossNeedsKConsecutiveFailedRoundsAndABlipResets() {
        LossDetector d = new LossDetector(3);
        assertEquals(LossDetector.State.SUSPECT, d.observe(round(false, false, true)).state());
        assertEquals(LossDetector.State.SUSPECT, d.observe(round(false, false, false)).state());
        assertEquals(LossDetector.State.HEALTHY, d.observe(round(true, true, true)).state());
        assertEquals(LossDetector.State.SUSPECT, d.observe(round(false, false, false)).state());
        assertEquals(LossDetector.State.SUSPECT, d.observe(round(false, false, false)).state());
        LossDetector.Verdict v = d.observe(round(false, false, false));
        assertEquals(LossDetector.State.LOST, v.state());
        assertEquals(3, v.consecutiveFailures());
    }

    @Test
    void oneComponentDownIsNotARegionDown() {
        LossDetector d = new LossDetector(1);
        assertEquals(LossDetector.State.HEALTHY, d.observe(round(false, true, true)).state());
        assertEquals(LossDetector.State.HEALTHY, d.observe(round(true, false, true)).state());
        assertEquals(LossDetector.State.LOST, d.observe(round(false, true, false)).state());
    }
}
