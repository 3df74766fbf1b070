package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.testing.fakes.Crashes;
import io.github.fgf.controller.testing.fakes.FakeWorld;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failback against fakes: a crash at each point of each recorded step, then a resume, ends with the
 * drained events recorded, the release written, both regions knowing the epoch, the alias paired
 * again, the failover record closed, and the returning region's restarted job fenced.
 */
class FailbackRunnerTest {

    static final List<String> STEPS = List.of(FailbackRunner.DRAIN, FailbackRunner.RELEASE, FailbackRunner.PAIR, FailbackRunner.CLOSE);

    /** A world after a forced failover, with the returning region's Flink HA having restarted the old job. */
    static FakeWorld failedOver(Path dir) throws Exception {
        FakeWorld w = new FakeWorld(dir);
        FailoverRecord r = w.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.DONE, r.status(), r.reason());
        w.flinkA.start("fgf-telemetry");
        return w;
    }

    @Test
    void aFailbackCrashedAtAnyPointOfAnyStepResumesToTheSameEnd(@TempDir Path dir) throws Exception {
        for (String step : STEPS) {
            for (boolean beforeRecord : new boolean[] {true, false}) {
                if (step.equals(FailbackRunner.CLOSE) && beforeRecord) continue; // closing has no action apart from its write
                String where = step + (beforeRecord ? " (before record)" : " (after record)");
                FakeWorld w = failedOver(dir.resolve(step + "-" + beforeRecord));
                FailoverRecord done = w.store.read().orElseThrow();
                assertThrows(Crashes.Crash.class, () -> w.failback(Crashes.at(step, beforeRecord)).run(done, "controller-1"), where);
                FailbackRecord f = w.failback(StepHook.NONE).run(w.store.read().orElseThrow(), "controller-1");

                assertEquals(2 * w.failbackHubs.strandedPerPartition, f.drainedTotal(), where);
                assertTrue(f.released() && f.pairedAt() != null, where + ": " + f);
                assertTrue(w.geoDr.paired(), where + ": the alias is paired again");
                assertEquals(1, w.geoDr.pairings, where + ": paired once");
                assertEquals(FailoverRecord.Status.FAILED_BACK, w.store.read().orElseThrow().status(), where);
                assertEquals(1L, w.store.readEpoch().orElseThrow(), where);
                assertEquals(1L, w.returningStore.readEpoch().orElseThrow(), where + ": the returning region learns the epoch");
                assertTrue(w.flinkA.live().isEmpty(), where + ": the returning region's restarted job is fenced");
                // A drain repeated after a crash before its record is harmless (the job counts an event id once), but a
                // recorded drain is never repeated.
                assertEquals(step.equals(FailbackRunner.DRAIN) && beforeRecord ? 2 : 1, w.failbackHubs.drains, where);
                assertTrue(w.failbackHubs.releases <= 2 && w.failbackHubs.releases >= 1, where);
                if (!(step.equals(FailbackRunner.RELEASE) && beforeRecord)) assertEquals(1, w.failbackHubs.releases, where);
            }
        }
    }

    @Test
    void aFailbackRunTwiceRepeatsNothing(@TempDir Path dir) throws Exception {
        FakeWorld w = failedOver(dir);
        FailbackRecord first = w.failback(StepHook.NONE).run(w.store.read().orElseThrow(), "controller-1");
        FailbackRecord second = w.failback(StepHook.NONE).run(w.store.read().orElseThrow(), "controller-1");
        assertEquals(first, second);
        assertEquals(1, w.failbackHubs.drains);
        assertEquals(1, w.failbackHubs.releases);
        assertEquals(1, w.geoDr.pairings);
    }

    @Test
    void aStalledJobFailsTheFailbackLoudlyBeforeTheRelease(@TempDir Path dir) throws Exception {
        FakeWorld w = failedOver(dir);
        w.failbackHubs.jobStalled = true;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> w.failback(StepHook.NONE).run(w.store.read().orElseThrow(), "controller-1"));
        assertTrue(e.getMessage().contains("did not checkpoint the drained events"), e.getMessage());
        assertEquals(0, w.failbackHubs.releases, "no release before the job has the drained events");
        assertTrue(!w.geoDr.paired(), "not paired while the failback is unfinished");
    }

    @Test
    void epochsGrowAcrossFailoverFailbackAndFailover(@TempDir Path dir) throws Exception {
        FakeWorld w = failedOver(dir);
        w.failback(StepHook.NONE).run(w.store.read().orElseThrow(), "controller-1");
        FailoverRecord second = w.runner(false, StepHook.NONE).run("controller-1");
        assertEquals(FailoverRecord.Status.DONE, second.status(), second.reason());
        assertEquals(2, second.epoch(), "the next failover after a failback counts on");
    }
}
