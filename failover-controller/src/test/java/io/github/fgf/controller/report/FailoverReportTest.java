package io.github.fgf.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.fgf.controller.act.FailoverRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverReportTest {

    static FailoverRecord record(Map<String, Long> lastKnown, Map<String, Long> restored) {
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("fence", "2026-11-21T10:00:01Z");
        steps.put("verify", "2026-11-21T10:00:25.500Z");
        return new FailoverRecord("f-1", 1, FailoverRecord.FORCED, "primary", "secondary", FailoverRecord.DONE, null,
                "2026-11-21T10:00:00Z", steps, "wasb://c-grs@a/savepoints/sp-1", "2026-11-21T09:58:30Z", List.of(), "fgf-telemetry-e1",
                "j1", lastKnown, restored, null);
    }

    @Test
    void rtoRpoAndEventsAtRiskComeFromTheRecord() {
        FailoverReport r = FailoverReport.of(record(Map.of("in|0", 500L, "in|1", 420L), Map.of("in|0", 450L, "in|1", 420L)));
        assertEquals(25_500L, r.rtoMillis());
        assertEquals(90_000L, r.stateRpoMillis());
        assertEquals(50L, r.eventsAtRisk());
    }

    @Test
    void withoutAProbeBeforeTheLossEventsAtRiskAreUnknownNotZero() {
        FailoverReport r = FailoverReport.of(record(Map.of(), Map.of("in|0", 450L)));
        assertNull(r.eventsAtRisk());
        assertEquals("unknown: no probe of the primary's end offsets was recorded before the loss", r.eventsAtRiskNote());
    }
}
