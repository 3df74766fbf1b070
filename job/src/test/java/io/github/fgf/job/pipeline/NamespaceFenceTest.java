package io.github.fgf.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.job.model.RawRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;

/** The namespace fence: the first cluster reached is recorded; another one later stops the job for good. */
class NamespaceFenceTest {

    /** A cluster id source whose answer the test switches, as the alias moving would. */
    static final class MovableAlias implements NamespaceFence.ClusterIds {
        static volatile String reached = "cluster-a";

        @Override
        public Optional<String> current() {
            return Optional.ofNullable(reached);
        }
    }

    @Test
    void theVerdictNamesBothClustersAndTheNamespace() {
        NamespaceFence f = new NamespaceFence("ns-primary", Duration.ofSeconds(30), new MovableAlias());
        assertEquals(Optional.empty(), f.verdict(Map.of(), "cluster-b"), "nothing recorded yet: nothing to compare");
        assertEquals(Optional.empty(), f.verdict(Map.of("ns-primary", "cluster-a"), "cluster-a"));
        assertEquals(Optional.empty(), f.verdict(Map.of("ns-secondary", "cluster-b"), "cluster-b"), "another namespace's record");
        String reason = f.verdict(Map.of("ns-primary", "cluster-a"), "cluster-b").orElseThrow();
        assertTrue(reason.contains("cluster cluster-b, not cluster cluster-a of namespace ns-primary"), reason);
        assertFalse(new NamespaceFence("ns", Duration.ZERO, new MovableAlias()).enabled());
    }

    @Test
    void aTrackerRestoredFromStateThatReachesAnotherClusterStopsBeforeARecordPasses() throws Exception {
        MovableAlias.reached = "cluster-a";
        ProgressTracker first = new ProgressTracker(new NamespaceFence("ns-primary", Duration.ofMillis(50), new MovableAlias()));
        var harness = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(first));
        harness.open();
        harness.processElement(new RawRecord("in", 0, 0, 1, null), 1);
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        // The alias moves; the job restarts from its checkpoint (Flink HA) and reaches the other namespace.
        MovableAlias.reached = "cluster-b";
        ProgressTracker restarted = new ProgressTracker(new NamespaceFence("ns-primary", Duration.ofMillis(50), new MovableAlias()));
        var again = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(restarted));
        again.initializeState(snapshot);
        Exception e = assertThrows(Exception.class, again::open);
        assertTrue(org.apache.flink.util.ExceptionUtils.findThrowable(e, SuppressRestartsException.class).isPresent(), e.toString());
    }

    @Test
    void aRunningTrackerStopsAtTheNextRecordOnceTheAliasMoves() throws Exception {
        MovableAlias.reached = "cluster-a";
        ProgressTracker t = new ProgressTracker(new NamespaceFence("ns-primary", Duration.ofMillis(20), new MovableAlias()));
        var harness = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(t));
        harness.open();
        harness.processElement(new RawRecord("in", 0, 0, 1, null), 1);
        MovableAlias.reached = "cluster-b";
        long deadline = System.currentTimeMillis() + 5_000;
        Exception stopped = null;
        while (stopped == null && System.currentTimeMillis() < deadline) {
            try {
                harness.processElement(new RawRecord("in", 0, 1, 2, null), 2);
                Thread.sleep(20);
            } catch (SuppressRestartsException e) {
                stopped = e;
            }
        }
        assertTrue(stopped != null, "the tracker went on after the alias moved");
        harness.close();
    }

    @Test
    void withAGraceARunningJobIsNotStoppedWhileAPlannedFailoverDrainsIt() throws Exception {
        MovableAlias.reached = "cluster-a";
        ProgressTracker t = new ProgressTracker(new NamespaceFence("ns-primary", Duration.ofMillis(20), Duration.ofHours(1),
                new MovableAlias()));
        var harness = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(t));
        harness.open();
        harness.processElement(new RawRecord("in", 0, 0, 1, null), 1);
        var snapshot = harness.snapshot(1, 1);
        MovableAlias.reached = "cluster-b";
        Thread.sleep(300); // many checks, all within the grace
        harness.processElement(new RawRecord("in", 0, 1, 2, null), 2);
        assertEquals(2, harness.extractOutputValues().size(), "the draining job went on");
        harness.close();
        // The same job restarted connects through the alias anew: no grace then.
        var restarted = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(new ProgressTracker(new NamespaceFence("ns-primary",
                        Duration.ofMillis(20), Duration.ofHours(1), new MovableAlias()))));
        restarted.initializeState(snapshot);
        assertThrows(Exception.class, restarted::open);
    }

    @Test
    void givenItsClusterIdANewJobThatReachesTheOldNamespaceFirstRestartsAndIsNeverFencedByIt() throws Exception {
        // A planned failover's new job in B whose client still resolves the alias to A (a DNS cache).
        MovableAlias.reached = "cluster-a";
        NamespaceFence fence = new NamespaceFence("ns-secondary", "cluster-b", Duration.ofMillis(20), Duration.ofHours(1),
                new MovableAlias());
        var early = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(new ProgressTracker(fence)));
        Exception e = assertThrows(Exception.class, early::open);
        assertFalse(org.apache.flink.util.ExceptionUtils.findThrowable(e, SuppressRestartsException.class).isPresent(),
                "not there yet must restart, not stop for good: " + e);
        assertTrue(e.getMessage().contains("not cluster cluster-b of namespace ns-secondary"), e.getMessage());
        assertEquals(Optional.empty(), fence.verdict(Map.of("ns-secondary", "cluster-a"), "cluster-b"),
                "a wrong record never fences a job that knows its cluster");

        // Flink restarts it (from the savepoint it started with, which recorded nothing for B); the alias now resolves to
        // B: it runs, and records B.
        MovableAlias.reached = "cluster-b";
        var again = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(new ProgressTracker(fence)));
        again.open();
        again.processElement(new RawRecord("in", 0, 0, 1, null), 1);
        var inB = again.snapshot(2, 2);
        again.close();

        // Later the alias moves away from B (another failover) and the job restarts from its checkpoint: fenced for good.
        MovableAlias.reached = "cluster-a";
        var moved = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.StreamMap<>(new ProgressTracker(fence)));
        moved.initializeState(inB);
        Exception fenced = assertThrows(Exception.class, moved::open);
        assertTrue(org.apache.flink.util.ExceptionUtils.findThrowable(fenced, SuppressRestartsException.class).isPresent(),
                fenced.toString());
    }

    @Test
    void withoutAClusterIdTheFirstClusterReachedIsRecordedAsBefore() {
        NamespaceFence legacy = new NamespaceFence("ns-secondary", "", Duration.ofSeconds(30), Duration.ZERO, new MovableAlias());
        assertTrue(legacy.mayRecord(Map.of(), "cluster-a"));
        assertFalse(legacy.mayRecord(Map.of("ns-secondary", "cluster-a"), "cluster-b"));
        assertEquals(Optional.empty(), legacy.notThereYet(Map.of(), "cluster-a"));
        NamespaceFence known = new NamespaceFence("ns-secondary", "cluster-b", Duration.ofSeconds(30), Duration.ZERO, new MovableAlias());
        assertFalse(known.mayRecord(Map.of(), "cluster-a"));
        assertTrue(known.mayRecord(Map.of(), "cluster-b"));
        assertTrue(known.mayRecord(Map.of("ns-secondary", "cluster-a"), "cluster-b"), "the given id replaces a wrong record");
    }
}
