package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.report.FailoverReport;
import io.github.fgf.controller.testing.fakes.FakeWorld;
import io.github.fgf.flinkclient.RunRequest;
import io.github.fgf.job.config.JobConfig;
import io.github.fgf.job.config.JobOptions;
import io.github.fgf.job.config.StartPosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failover in Geo-Replication mode, with fakes: the source keeps its label and the restore point's offsets where
 * replication had reached them, and is repositioned, with a label of its own, where a forced promotion left them
 * beyond the new primary's records.
 */
class GeoReplicationFailoverTest {

    static final PartitionKey P0 = PartitionKey.of("telemetry", 0);
    static final PartitionKey P1 = PartitionKey.of("telemetry", 1);

    static JobConfig submitted(FakeWorld w) {
        RunRequest run = w.flinkB.runs.get(w.flinkB.runs.size() - 1);
        return JobConfig.fromArgs(run.args().toArray(String[]::new));
    }

    @Test
    void whereReplicationReachedTheRestoreOffsetsTheSourceResumesThereUnderItsOwnLabel(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir, "{}", "geo-replication");
        // The restore point read to 10 and 12 (FakeStorage); the new primary ends at 100 and 90, its first record enqueued
        // after the declaration is at 60 and 70: replication had passed the restore offsets.
        w.progress.offsetsAt = Map.of(P0, 60L, P1, 70L);
        FailoverRecord r = w.runner(false, StepHook.NONE).run("c1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        assertTrue(r.done(FailoverRecord.Step.POSITION));
        JobConfig c = submitted(w);
        assertEquals("fgf-alias", c.sourceNamespace(), "the same host name: the same source uid, so its offsets are restored");
        assertEquals(StartPosition.Kind.SAVEPOINT, c.get(JobOptions.START_POSITION).kind(), "no backlog from a timestamp or earliest");
        FailoverReport report = FailoverReport.of(r);
        assertTrue(report.replication().repositioned().isEmpty());
        assertEquals(Map.of("telemetry|0", 60L, "telemetry|1", 70L), report.replication().replicatedTo());
    }

    @Test
    void offsetsAForcedPromotionReusedAreRepositionedWhereTheNewRecordsStartAndReported(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir, "{}", "geo-replication");
        // Replication had reached 4 on partition 0 (the restore point read to 10): new records took offsets 4.. since.
        w.progress.offsetsAt = Map.of(P0, 4L, P1, 70L);
        FailoverRecord r = w.runner(false, StepHook.NONE).run("c1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        JobConfig c = submitted(w);
        assertEquals("fgf-alias-e" + r.epoch(), c.sourceNamespace(), "a new source uid: no restored offset overrides the starts");
        assertEquals(Map.of(0, 4L, 1, 12L), c.get(JobOptions.START_POSITION).offsets());
        FailoverReport report = FailoverReport.of(r);
        assertEquals(10L, report.replication().repositioned().get("telemetry|0").restoreOffset());
        assertEquals(4L, report.replication().repositioned().get("telemetry|0").start());
        assertTrue(report.replication().repositioned().get("telemetry|0").reason().startsWith("reused"));
        assertFalse(report.replication().repositioned().containsKey("telemetry|1"));

        // Failback drains the old primary past both what replication copied and what the restore point read, and reports
        // exactly which offsets never reached the new primary.
        Map<PartitionKey, Long> start = FailbackRunner.drainStart(r);
        assertEquals(10L, start.get(P0), "the restore point read to 10: the job has counted 4..9 already");
        assertEquals(70L, start.get(P1), "replication had copied to 70: the new primary holds 12..69");
        var lost = FailbackRunner.lostInReplication(r, FailbackRunner.drainStart(r),
                new FailbackHubs.Drained(Map.of(P0, 7L, P1, 5L), Map.of()));
        assertEquals(new io.github.fgf.controller.report.ReplicationReport.Range(4, 17), lost.get(P0));
        assertEquals(new io.github.fgf.controller.report.ReplicationReport.Range(70, 75), lost.get(P1));
    }

    @Test
    void aPlannedMoveStopsWithASavepointFirstThenPromotesAndResumesAtItsOffsets(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir, "{}", "geo-replication");
        w.progress.offsetsAt = Map.of(P0, -1L, P1, -1L);
        FailoverRecord r = w.runner(true, StepHook.NONE).run("c1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        assertEquals(List.of(FailoverRecord.Step.STOP, FailoverRecord.Step.PROMOTE, FailoverRecord.Step.REPLICATE,
                FailoverRecord.Step.CHOOSE, FailoverRecord.Step.POSITION, FailoverRecord.Step.SUBMIT, FailoverRecord.Step.VERIFY),
                List.copyOf(r.steps().keySet()));
        assertFalse(r.done(FailoverRecord.Step.DRAIN), "the secondary holds the data: no drain, no disabled sends");
        assertEquals(0, w.geoDr.sendChanges);
        JobConfig c = submitted(w);
        assertEquals(StartPosition.Kind.SAVEPOINT, c.get(JobOptions.START_POSITION).kind());
        assertEquals("fgf-alias", c.sourceNamespace());
    }
}
