package io.github.fgf.controller.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void anEventHubsOnlyOutageFailsOverOnlyUnderTheEventHubsRule() {
        LossDetector cautious = new LossDetector(2, LossRule.REGION, false);
        LossDetector ingestion = new LossDetector(2, LossRule.EVENTHUBS, false);
        for (int i = 0; i < 3; i++) {
            assertEquals(LossDetector.State.HEALTHY, cautious.observe(round(true, false, true)).state(), "round " + i);
        }
        assertEquals(LossDetector.State.SUSPECT, ingestion.observe(round(true, false, true)).state());
        assertEquals(LossDetector.State.LOST, ingestion.observe(round(true, false, true)).state());
        LossDetector strict = new LossDetector(1, LossRule.ALL, false);
        assertEquals(LossDetector.State.HEALTHY, strict.observe(round(false, false, true)).state());
        assertEquals(LossDetector.State.LOST, strict.observe(round(false, false, false)).state());
    }

    @Test
    void aControllerThatReachesNeitherRegionDoesNotCountTheRound() {
        LossDetector d = new LossDetector(2, LossRule.REGION, true);
        java.util.Optional<RegionProbe.Result> secondaryDown = java.util.Optional.of(round(false, false, false));
        java.util.Optional<RegionProbe.Result> secondaryUp = java.util.Optional.of(round(true, true, true));
        LossDetector.Verdict cutOff = d.observe(round(false, false, false), secondaryDown);
        assertEquals(LossDetector.State.HEALTHY, cutOff.state());
        assertEquals(0, cutOff.consecutiveFailures());
        assertTrue(cutOff.reason().startsWith("inconclusive"), cutOff.reason());
        for (int i = 0; i < 5; i++) assertEquals(LossDetector.State.HEALTHY, d.observe(round(false, false, false), secondaryDown).state());
        assertEquals(LossDetector.State.SUSPECT, d.observe(round(false, false, false), secondaryUp).state());
        // Inconclusive rounds neither count nor reset.
        assertEquals(LossDetector.State.SUSPECT, d.observe(round(false, false, false), secondaryDown).state());
        assertEquals(LossDetector.State.LOST, d.observe(round(false, false, false), secondaryUp).state());
    }
}
