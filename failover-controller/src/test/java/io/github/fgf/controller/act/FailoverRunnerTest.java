package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.act.FailoverRecord.Step;
import io.github.fgf.controller.testing.fakes.FakeFlink;
import io.github.fgf.controller.testing.fakes.Crashes;
import io.github.fgf.controller.testing.fakes.FakeWorld;
import io.github.fgf.flinkclient.ClaimMode;
import io.github.fgf.flinkclient.JobState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover runner against fakes of every collaborator: a crash at each point of each step, then
 * a resume by a fresh runner, must end in the same world as an uninterrupted run: the alias failed
 * over once, one job in B with the record's JobID, restored from the chosen point, A's job stopped.
 */
class FailoverRunnerTest {

    static final List<Step> FORCED = List.of(Step.CHOOSE, Step.FENCE, Step.PROMOTE, Step.SUBMIT, Step.VERIFY);
    static final List<Step> PLANNED = List.of(Step.PROMOTE, Step.DISABLE_SENDS, Step.DRAIN, Step.STOP, Step.REPLICATE, Step.CHOOSE, Step.SUBMIT,
            Step.VERIFY);

    @Test
    void aForcedFailoverCrashedAtAnyPointOfAnyStepResumesToTheSameEnd(@TempDir Path dir) throws Exception {
        for (Step step : FORCED) {
            for (boolean beforeRecord : new boolean[] {true, false}) {
                FakeWorld w = new FakeWorld(dir.resolve(step + "-" + beforeRecord));
                assertThrows(Crashes.Crash.class, () -> w.runner(false, Crashes.at(step.key(), beforeRecord)).run("controller-1"));
                FailoverRecord r = w.runner(false, StepHook.NONE).run("controller-1");
                assertOneCleanFailover(w, r, step + (beforeRecord ? " (before record)" : " (after record)"));
                assertTrue(r.steps().keySet().containsAll(FORCED), r.steps().toString());
            }
        }
    }

    @Test
    void aPlannedFailoverCrashedAtAnyPointOfAnyStepResumesToTheSameEnd(@TempDir Path dir) throws Exception {
        for (Step step : PLANNED) {
            for (boolean beforeRecord : new boolean[] {true, false}) {
                String where = step + (beforeRecord ? " (before record)" : " (after record)");
                FakeWorld w = new FakeWorld(dir.resolve(step + "-" + beforeRecord));
                assertThrows(Crashes.Crash.class, () -> w.runner(true, Crashes.at(step.key(), beforeRecord)).run("controller-1"));
                FailoverRecord r = w.runner(true, StepHook.NONE).run("controller-1");
                assertOneCleanFailover(w, r, where);
                assertEquals(1, w.flinkA.stops, where + ": A's job stopped with a savepoint once");
                assertEquals(java.util.Set.of("primary/telemetry"), w.geoDr.sendDisabled, where + ": sends disabled on A's input hub");
                assertTrue(r.restorePoint().endsWith(r.plannedSavepoint().substring(r.plannedSavepoint().lastIndexOf('/'))),
                        where + ": B restores A's final savepoint, " + r.restorePoint());
                assertFalse(r.restorePoint().equals(w.firstSavepoint), where);
            }
        }
    }

    @Test
    void aPlannedFailoverDrainsAPrimaryWhoseProducersNeverLeaveOnTheirOwn(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        w.progress.producerNeverLeaves = true;
        FailoverRecord r = w.runner(true, StepHook.NONE).run("controller-1");
        assertOneCleanFailover(w, r, "producer that never leaves");
        assertTrue(w.geoDr.sendDisabled.contains("primary/telemetry"), w.geoDr.sendDisabled.toString());
        assertTrue(r.steps().keySet().containsAll(List.of(Step.PROMOTE, Step.DISABLE_SENDS, Step.DRAIN)), r.steps().toString());
    }

    @Test
    void aPlannedFailoverDrainsByTheJobsOwnPositionsWhenItsCommitsNoLongerLand(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        w.progress.producerNeverLeaves = true;
        w.progress.commitsNeverLand = true;
        w.flinkA.sourcePositions = id -> w.progress.readByJob();
        FailoverRecord r = w.runner(true, StepHook.NONE).run("controller-1");
        assertOneCleanFailover(w, r, "commits that never land");
        assertTrue(r.lastKnownEndOffsets().values().stream().allMatch(v -> v > 0), r.lastKnownEndOffsets().toString());

        // Without either, nothing tells that A's job has read its hub: the drain must not pass.
        FakeWorld blind = new FakeWorld(dir.resolve("blind"));
        blind.progress.commitsNeverLand = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> blind.runner(true, StepHook.NONE).run("controller-1"));
        assertTrue(e.getMessage().contains("did not drain"), e.getMessage());
        assertEquals(0, blind.flinkB.runs.size(), "nothing submitted to B before A has drained");
    }

    private static void assertOneCleanFailover(FakeWorld w, FailoverRecord r, String where) {
        assertEquals(FailoverRecord.Status.DONE, r.status(), where + ": " + r.reason());
        assertEquals(1, w.geoDr.failovers, where + ": Geo-DR failed over once");
        assertEquals("secondary", w.geoDr.active(), where);
        assertEquals(1, w.flinkB.runs.size(), where + ": B's job submitted once");
        List<FakeFlink.Job> live = w.flinkB.live();
        assertEquals(1, live.size(), where);
        assertEquals(FailoverRunner.jobIdOf(r), live.get(0).id, where + ": B's job has the record's JobID");
        assertEquals(r.restorePoint(), live.get(0).request.restore().orElseThrow().savepointPath(), where);
        assertEquals(ClaimMode.NO_CLAIM, live.get(0).request.restore().orElseThrow().claimMode(), where);
        assertTrue(w.flinkA.live().isEmpty(), where + ": nothing runs in A");
        assertEquals(1, r.epoch(), where);
    }

    @Test
    void aRefusalAtChooseLeavesTheAliasPairedAndAsJobAlone(@TempDir Path dir) throws Exception {
        FakeWorld stale = new FakeWorld(dir);
        // GRS has not synced for 10 minutes: the newest replicated savepoint is beyond the 5-minute max RPO.
        stale.storage.lastSyncTime(Instant.now().minusSeconds(600));
        FailoverRecord r = stale.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.REFUSED, r.status());
        assertTrue(stale.geoDr.paired(), "a refusal must leave the alias paired");
        assertEquals(0, stale.geoDr.failovers);
        assertEquals(1, stale.flinkA.live().size(), "A's job is left running");
        assertTrue(stale.flinkB.runs.isEmpty());
    }

    @Test
    void aRunnerThatLosesItsLeaseStopsBeforeTheNextStep(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        StepHook loseAfterChoose = new StepHook() {
            @Override
            public void recorded(String s) {
                if (s.equals(Step.CHOOSE.key())) w.store.holder().lose();
            }
        };
        assertThrows(Lease.LostException.class, () -> w.runner(false, loseAfterChoose).run("controller-1"));
        assertTrue(w.geoDr.paired(), "no promote after the lease was lost");
        assertEquals(1, w.flinkA.live().size(), "no fence after the lease was lost");
        assertTrue(w.flinkB.runs.isEmpty(), "no submission after the lease was lost");
    }

    @Test
    void twoRunnersWithTheSameHostNameOneActs(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        String first = ControllerIdentity.of("controller-host", dir.resolve("state-1"));
        String second = ControllerIdentity.of("controller-host", dir.resolve("state-2"));
        assertFalse(first.equals(second), "same host, different instances");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        StepHook pause = new StepHook() {
            @Override
            public void recorded(String s) {
                if (s.equals(Step.CHOOSE.key())) {
                    holding.countDown();
                    try {
                        goOn.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(w.runner(false, pause).run(first));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        t.start();
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        Lease.HeldException refused = assertThrows(Lease.HeldException.class, () -> w.runner(false, StepHook.NONE).run(second));
        assertTrue(refused.getMessage().contains(first), refused.getMessage());
        goOn.countDown();
        t.join(10_000);
        assertTrue(outcome.get() instanceof FailoverRecord, String.valueOf(outcome.get()));
        assertOneCleanFailover(w, (FailoverRecord) outcome.get(), "two controllers");
    }

    @Test
    void submissionIsIdempotentWhenAnotherControllerSubmittedTheSameJobMeanwhile(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        w.flinkB.raceTheNextRun = true;
        FailoverRecord r = w.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        assertEquals(FailoverRunner.jobIdOf(r).hex(), r.jobId(), "the duplicate is adopted under the record's JobID");
        assertEquals(1, w.flinkB.live().size(), "one job in B, never two");
        assertTrue(w.flinkB.runs.isEmpty(), "Flink refused our run: the other controller's job is the one");
    }

    /** Positions of a job's source: {@code behind} records short of each partition's end (-1: one record short). */
    static java.util.Map<io.github.fgf.flinkclient.KafkaPartition, Long> positions(
            java.util.Map<io.github.fgf.controller.observe.PartitionKey, Long> end, long behind) {
        java.util.Map<io.github.fgf.flinkclient.KafkaPartition, Long> out = new java.util.TreeMap<>();
        end.forEach((k, v) -> out.put(new io.github.fgf.flinkclient.KafkaPartition(k.hub(), k.partition()), v + behind));
        return out;
    }

    @Test
    void verifyWaitsUntilTheNewJobsSourceHasReadWhatTheSecondaryHeldAndFailsAJobThatReadsNothing(@TempDir Path dir)
            throws Exception {
        FakeWorld w = new FakeWorld(dir.resolve("flowing"));
        var held = w.progress.endOffsets("telemetry");
        assertFalse(held.isEmpty());
        java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
        w.flinkB.sourcePositions = id -> positions(held, looks.incrementAndGet() < 4 ? -1 : 0);
        FailoverRecord r = w.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        assertTrue(looks.get() >= 4, "verified before the source had read the secondary's input: " + looks.get());

        FakeWorld stuck = new FakeWorld(dir.resolve("stuck"));
        stuck.flinkB.sourcePositions = id -> positions(held, -1); // RUNNING and checkpointing, one record short for good
        Exception e = assertThrows(IllegalStateException.class, () -> stuck.runner(false, StepHook.NONE).run("controller-1"));
        assertTrue(e.getMessage().contains("records flowing"), e.getMessage());

        // A source that has emitted nothing reports no positions: not flowing, while the input has records to read.
        FakeWorld silent = new FakeWorld(dir.resolve("silent"));
        silent.flinkB.sourcePositions = id -> java.util.Map.of();
        assertThrows(IllegalStateException.class, () -> silent.runner(false, StepHook.NONE).run("controller-1"));

        // Every record of the secondary's input older than the job's start: nothing to read, so nothing to wait for.
        FakeWorld history = new FakeWorld(dir.resolve("history"));
        history.flinkB.sourcePositions = id -> java.util.Map.of();
        java.util.Map<io.github.fgf.controller.observe.PartitionKey, Long> none = new java.util.TreeMap<>();
        held.keySet().forEach(k -> none.put(k, -1L));
        history.progress.offsetsAt = none;
        assertEquals(FailoverRecord.Status.DONE, history.runner(false, StepHook.NONE).run("controller-1").status());
    }

    @Test
    void aJarReadiedByTheStandbyIsRunWithoutUploadingItAgainAndAChangedJarIsUploaded(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir.resolve("ready"));
        String ready = StandbyJar.prepare(w.topology, w.flinkB);
        assertEquals(ready, StandbyJar.prepare(w.topology, w.flinkB), "readied once, not again");
        FailoverRecord r = w.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        assertEquals(1, w.flinkB.uploads, "submit ran the standby's jar");
        assertEquals(ready, w.flinkB.runs.get(0).jarId());

        FakeWorld changed = new FakeWorld(dir.resolve("changed"));
        StandbyJar.prepare(changed.topology, changed.flinkB);
        java.nio.file.Files.setLastModifiedTime(Path.of(changed.topology.job().jar()),
                java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(60))); // rebuilt after the upload
        changed.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(2, changed.flinkB.uploads, "a jar changed since the standby's upload is sent again");
    }

    @Test
    void aFencedRegionThatIsUnreachableDoesNotStopTheFailover(@TempDir Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        w.flinkA.unreachable = true;
        FailoverRecord r = w.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        assertEquals(1, w.flinkB.live().size());
        assertEquals(JobState.RUNNING, w.flinkA.all().get(0).state, "unreachable: A's job could not be cancelled, epochs tell");
    }

    @Test
    void theNewJobIsGivenTheSecondaryNamespacesClusterIdSoThatAStaleAliasResolutionCannotFenceIt(@TempDir Path dir)
            throws Exception {
        FakeWorld w = new FakeWorld(dir);
        w.runner(false, StepHook.NONE).run("controller-1");
        List<String> args = w.flinkB.runs.get(0).args();
        int at = args.indexOf("--fence.cluster-id");
        assertTrue(at >= 0 && args.get(at + 1).equals("cluster-of-the-namespace"), args.toString());
        io.github.fgf.job.config.JobConfig.fromArgs(args.toArray(String[]::new));

        // A namespace that reports no id, or cannot be asked: the job is submitted anyway and records the first it reaches.
        FakeWorld silent = new FakeWorld(dir.resolve("silent"));
        silent.progress.clusterId = null;
        FailoverRecord r = silent.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        assertFalse(silent.flinkB.runs.get(0).args().contains("--fence.cluster-id"));
    }
}
