package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.act.FailoverRecord.Mode;
import io.github.fgf.controller.act.FailoverRecord.Status;
import io.github.fgf.controller.act.FailoverRecord.Step;
import io.github.fgf.controller.observe.PartitionKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record is typed in memory and unchanged on disk: a failover.json of before reads, and writes back the same. */
class FailoverRecordTest {

    /** A forced failover's record as controllers have always written it (steps in the order they ran). */
    static final String ON_DISK = """
            {"id":"f-1","epoch":2,"mode":"forced","from":"primary","to":"secondary","status":"failed-back",
             "reason":"failed back at 2026-12-01T10:09:00Z","declaredAt":"2026-12-01T10:00:00Z",
             "steps":{"choose":"2026-12-01T10:00:01.250Z","fence":"2026-12-01T10:00:02Z","promote":"2026-12-01T10:00:03Z",
                      "submit":"2026-12-01T10:00:09Z","verify":"2026-12-01T10:00:20.500Z"},
             "restorePoint":"wasb://c-grs@a/savepoints/sp-1","restorePointCompletedAt":"2026-12-01T09:59:40Z",
             "rejected":[{"path":"wasb://c-grs@a/savepoints/sp-2","reason":"not replicated yet"}],
             "jobName":"fgf-telemetry-e2","jobId":"0a1b","lastKnownEndOffsets":{"in|0":500,"in|1":420},
             "restoreOffsets":{"in|0":450,"in|1":420},"plannedSavepoint":null,"lastKnownAt":"2026-12-01T09:59:58Z",
             "inputRatePerSecond":40.5}
            """;

    @Test
    void anOnDiskRecordReadsTypedWithAPlainMapperAndWritesBackTheSame() throws Exception {
        ObjectMapper plain = new ObjectMapper();
        FailoverRecord r = plain.readValue(ON_DISK, FailoverRecord.class);
        assertEquals(Mode.FORCED, r.mode());
        assertEquals(Status.FAILED_BACK, r.status());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), r.declaredAt());
        assertEquals(List.of(Step.CHOOSE, Step.FENCE, Step.PROMOTE, Step.SUBMIT, Step.VERIFY), List.copyOf(r.steps().keySet()));
        assertEquals(Instant.parse("2026-12-01T10:00:20.500Z"), r.stepAt(Step.VERIFY).orElseThrow());
        assertEquals(Instant.parse("2026-12-01T09:59:40Z"), r.restorePointCompletedAt());
        assertEquals(Instant.parse("2026-12-01T09:59:58Z"), r.lastKnownAt());
        assertEquals(500L, r.lastKnownEndOffsets().get(PartitionKey.of("in", 0)));
        // What choose decided travels as one restore-point record.
        assertEquals(new FailoverRecord.Restore("wasb://c-grs@a/savepoints/sp-1", Instant.parse("2026-12-01T09:59:40Z"),
                List.of(java.util.Map.of("path", "wasb://c-grs@a/savepoints/sp-2", "reason", "not replicated yet")),
                java.util.Map.of(PartitionKey.of("in", 0), 450L, PartitionKey.of("in", 1), 420L)), r.restore());
        assertEquals(java.util.Map.of(PartitionKey.of("in", 0), 450L, PartitionKey.of("in", 1), 420L), r.restoreOffsets());

        JsonNode written = plain.readTree(ControllerStore.JSON.writeValueAsString(r));
        assertEquals(plain.readTree(ON_DISK), written);
        // The fields in the order they always had, and the steps in the order they ran.
        List<String> fields = new java.util.ArrayList<>();
        written.fieldNames().forEachRemaining(fields::add);
        List<String> before = new java.util.ArrayList<>();
        plain.readTree(ON_DISK).fieldNames().forEachRemaining(before::add);
        assertEquals(before, fields);
        List<String> order = new java.util.ArrayList<>();
        written.get("steps").fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("choose", "fence", "promote", "submit", "verify"), order);
    }

    @Test
    void aRecordWithAnUnknownStatusOrStepNamesIt() {
        ObjectMapper plain = new ObjectMapper();
        Exception status = assertThrows(Exception.class, () -> plain.readValue(ON_DISK.replace("\"failed-back\"", "\"paused\""),
                FailoverRecord.class));
        assertEquals(true, status.getMessage().contains("unknown failover status 'paused'"), status.getMessage());
        Exception step = assertThrows(Exception.class, () -> plain.readValue(ON_DISK.replace("\"fence\":", "\"fencing\":"),
                FailoverRecord.class));
        assertEquals(true, step.getMessage().contains("unknown failover step 'fencing'"), step.getMessage());
    }

    @Test
    void statusesAndModesPrintAsTheirRecordedWords() {
        assertEquals("in-progress", Status.IN_PROGRESS.toString());
        assertEquals("planned", Mode.PLANNED.toString());
        assertEquals(Status.DONE, Status.of("done"));
    }
}
