package io.github.fgf.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.act.FailoverRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverReportTest {

    static FailoverRecord record(Map<PartitionKey, Long> lastKnown, Map<PartitionKey, Long> restored) {
        Map<FailoverRecord.Step, java.time.Instant> steps = new LinkedHashMap<>();
        steps.put(FailoverRecord.Step.FENCE, java.time.Instant.parse("2026-11-21T10:00:01Z"));
        steps.put(FailoverRecord.Step.VERIFY, java.time.Instant.parse("2026-11-21T10:00:25.500Z"));
        return new FailoverRecord("f-1", 1, FailoverRecord.Mode.FORCED, "primary", "secondary", FailoverRecord.Status.DONE, null,
                java.time.Instant.parse("2026-11-21T10:00:00Z"), steps, "wasb://c-grs@a/savepoints/sp-1",
                java.time.Instant.parse("2026-11-21T09:58:30Z"), List.of(), "fgf-telemetry-e1",
                "j1", lastKnown, restored, null);
    }

    @Test
    void rtoRpoAndEventsAtRiskComeFromTheRecord() {
        FailoverReport r = FailoverReport.of(record(Map.of(PartitionKey.of("in", 0), 500L, PartitionKey.of("in", 1), 420L), Map.of(PartitionKey.of("in", 0), 450L, PartitionKey.of("in", 1), 420L)));
        assertEquals(25_500L, r.rtoMillis());
        assertEquals(90_000L, r.stateRpoMillis());
        assertEquals(50L, r.eventsAtRisk());
    }

    @Test
    void withATimedProbeTheRpoCountsFromTheLastHealthyMomentAndTheRateBoundsTheEventsAtRisk() {
        FailoverRecord timed = record(Map.of(PartitionKey.of("in", 0), 500L, PartitionKey.of("in", 1), 420L), Map.of(PartitionKey.of("in", 0), 450L, PartitionKey.of("in", 1), 420L))
                .withLastProbe(new io.github.fgf.controller.act.LastProbe.Observation(java.time.Instant.parse("2026-11-21T09:59:40Z"),
                        Map.of(PartitionKey.of("in", 0), 500L, PartitionKey.of("in", 1), 420L), 12.5));
        FailoverReport r = FailoverReport.of(timed);
        // Restore point written 09:58:30, primary last healthy 09:59:40 (not the 10:00:00 declaration): 70 s, not 90 s.
        assertEquals(70_000L, r.stateRpoMillis());
        assertEquals("2026-11-21T09:59:40Z", r.lastSeenHealthyAt());
        assertEquals("the primary's last healthy probe", r.stateRpoFrom());
        assertEquals(50L, r.eventsAtRisk());
        assertEquals(50L + 250L, r.eventsAtRiskUpperBound(), "plus 12.5/s for the 20 s from the probe to the declaration");
    }

    @Test
    void aProbeOlderThanTheRestorePointMeasuresFromTheRestorePointAndAnUntimedOneFromTheDeclaration() {
        FailoverRecord old = record(Map.of(PartitionKey.of("in", 0), 500L), Map.of(PartitionKey.of("in", 0), 450L))
                .withLastProbe(new io.github.fgf.controller.act.LastProbe.Observation(java.time.Instant.parse("2026-11-20T09:00:00Z"),
                        Map.of(PartitionKey.of("in", 0), 500L), null));
        assertEquals(0L, FailoverReport.of(old).stateRpoMillis());
        assertNull(FailoverReport.of(old).eventsAtRiskUpperBound(), "no rate, no upper bound");
        FailoverReport untimed = FailoverReport.of(record(Map.of(PartitionKey.of("in", 0), 500L), Map.of(PartitionKey.of("in", 0), 450L)));
        assertEquals(90_000L, untimed.stateRpoMillis());
        assertTrue(untimed.stateRpoFrom().startsWith("the declaration"), untimed.stateRpoFrom());
    }

    @Test
    void withoutAProbeBeforeTheLossEventsAtRiskAreUnknownNotZero() {
        FailoverReport r = FailoverReport.of(record(Map.of(), Map.of(PartitionKey.of("in", 0), 450L)));
        assertNull(r.eventsAtRisk());
        assertEquals("unknown: no probe of the primary's end offsets was recorded before the loss", r.eventsAtRiskNote());
    }
}
