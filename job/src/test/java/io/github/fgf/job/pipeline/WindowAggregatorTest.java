package io.github.fgf.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fgf.job.config.LatePolicy;
import io.github.fgf.job.config.StrandedHold;
import io.github.fgf.job.model.ControlSignal;
import io.github.fgf.job.model.TelemetryEvent;
import io.github.fgf.job.model.WindowAggregate;
import io.github.fgf.job.state.ControlRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The window operator's hold after a forced failover, its release, and its per-window dedup, on Flink's operator harness. */
class WindowAggregatorTest {

    static final long MIN = 60_000;
    /** Events stranded in the lost region were enqueued before 10:00 (in minutes since the epoch: 600). */
    static final long STRANDED_BEFORE = 600 * MIN;
    static final StrandedHold HOLD = new StrandedHold(STRANDED_BEFORE, 5_000, 30 * MIN);

    KeyedBroadcastOperatorTestHarness<String, TelemetryEvent, ControlSignal, WindowAggregate> harness(LatePolicy policy,
                                                                                                     StrandedHold hold) throws Exception {
        return harness(policy, hold, 1);
    }

    KeyedBroadcastOperatorTestHarness<String, TelemetryEvent, ControlSignal, WindowAggregate> harness(LatePolicy policy,
            StrandedHold hold, long epoch) throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new WindowAggregator(Duration.ofMinutes(1), Duration.ZERO, policy, epoch, hold), e -> e.deviceId, Types.STRING,
                WindowAggregator.RELEASES);
        h.open();
        return h;
    }

    static TelemetryEvent event(String id, long ts, double t, long strandedEpoch) {
        TelemetryEvent e = new TelemetryEvent(id, "d-1", ts, Map.of("temperature", t));
        e.strandedEpoch = strandedEpoch;
        return e;
    }

    static void watermark(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h, long w) throws Exception {
        h.processWatermark(new Watermark(w));
        h.processBroadcastWatermark(new Watermark(w));
    }

    /** Emitted records since the last call, as "minute:count:sum:partial", sorted. */
    static List<String> drain(KeyedBroadcastOperatorTestHarness<?, ?, ?, WindowAggregate> h) {
        List<String> out = new ArrayList<>();
        for (WindowAggregate a : h.extractOutputValues()) {
            out.add(a.windowStart / MIN + ":" + a.count + ":" + a.metrics.get("temperature").sum + ":" + a.partial);
        }
        h.getOutput().clear();
        out.sort(null);
        return out;
    }

    @Test
    void aWindowThatMayLackStrandedEventsIsMarkedHeldAndEmittedCompleteOnRelease() throws Exception {
        var h = harness(LatePolicy.ADJUST, HOLD);
        h.processElement(event("a", 598 * MIN + 1_000, 1, -1), 0);
        h.processElement(event("b", 600 * MIN + 10_000, 2, -1), 0); // may still lack one: producer clocks run up to 5 s ahead
        h.processElement(event("c", 601 * MIN + 10_000, 3, -1), 0); // cannot lack stranded events
        watermark(h, 602 * MIN);
        assertEquals(List.of("598:1:1.0:true", "600:1:2.0:true", "601:1:3.0:false"), drain(h));

        // The drain delivers a stranded event hours late: it counts in its own (held) window, whatever the policy.
        h.processElement(event("s", 598 * MIN + 2_000, 4, 1), 0);
        h.processElement(event("s", 598 * MIN + 2_000, 4, 1), 0); // the drain ran twice
        h.processElement(event("a", 598 * MIN + 1_000, 1, 1), 0); // a producer retry that reached both regions
        assertEquals(List.of(), drain(h), "nothing said before the drain is declared done");

        h.processBroadcastElement(new ControlSignal(ControlRecords.STRANDED_DRAINED, 1, "in", 0, 7), 0);
        assertEquals(List.of("598:2:5.0:false", "600:1:2.0:false"), drain(h));

        // After the release nothing is held or marked: a new late stranded event has no window left.
        h.processElement(event("s2", 598 * MIN + 3_000, 8, 1), 0);
        assertEquals(List.of(), drain(h));
        assertEquals(1, h.getSideOutput(WindowAggregator.TOO_LATE).size());
    }

    @Test
    void fromTheRestorePointsStateOpenWindowsAreHeldNewOnesAreCreatedAndForgottenOnesKeepTheirValue() throws Exception {
        // Region A, epoch 0: window 590 is emitted and forgotten before the restore point, 599 is still open.
        var a = harness(LatePolicy.ADJUST, StrandedHold.NONE, 0);
        a.processElement(event("a590", 590 * MIN, 1, -1), 0);
        a.processElement(event("a599", 599 * MIN, 2, -1), 0);
        watermark(a, 595 * MIN);
        assertEquals(List.of("590:1:1.0:false"), drain(a));
        OperatorSubtaskState restorePoint = a.snapshot(1, 0);

        // Region B, epoch 1, restored from it with a hold.
        var b = restored(restorePoint, HOLD, 1);
        b.processElement(event("b601", 601 * MIN + 1_000, 4, -1), 0);
        watermark(b, 602 * MIN);
        assertEquals(List.of("599:1:2.0:true", "601:1:4.0:false"), drain(b));

        b.processElement(event("s599", 599 * MIN + 1, 8, 1), 0);
        b.processElement(event("s600", 600 * MIN + 1, 16, 1), 0); // a window A opened after the restore point
        b.processElement(event("s590", 590 * MIN + 1, 32, 1), 0); // late in A as well: 590 keeps A's value
        assertEquals(List.of(), drain(b));
        assertEquals(1, b.getSideOutput(WindowAggregator.TOO_LATE).size());
        b.processBroadcastElement(new ControlSignal(ControlRecords.STRANDED_DRAINED, 1, "in", 0, 9), 0);
        assertEquals(List.of("599:2:10.0:false", "600:1:16.0:false"), drain(b));
    }

    KeyedBroadcastOperatorTestHarness<String, TelemetryEvent, ControlSignal, WindowAggregate> restored(OperatorSubtaskState state,
            StrandedHold hold, long epoch) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new WindowAggregator(Duration.ofMinutes(1), Duration.ZERO, LatePolicy.ADJUST, epoch, hold),
                List.of(WindowAggregator.RELEASES)), (TelemetryEvent e) -> e.deviceId, Types.STRING, 1, 1, 0);
        h.initializeState(state);
        h.open();
        return h;
    }

    @Test
    void aStrandedEventOlderThanTheHorizonGoesToTheLateHubEvenWithAdjust() throws Exception {
        var h = harness(LatePolicy.ADJUST, HOLD);
        h.processElement(event("old", 500 * MIN, 1, -1), 0);
        watermark(h, 602 * MIN);
        assertEquals(List.of("500:1:1.0:true"), drain(h), "marked, because it may lack stranded events, but not held");
        h.processElement(event("s-old", 500 * MIN + 1, 3, 1), 0);
        assertEquals(1, h.getSideOutput(WindowAggregator.TOO_LATE).size());
        h.processBroadcastElement(new ControlSignal(ControlRecords.STRANDED_DRAINED, 1, "in", 0, 7), 0);
        assertEquals(List.of(), drain(h), "a window beyond the horizon is not held, so not emitted again");
    }

    @Test
    void aControlRecordForAnotherEpochReleasesNothing() throws Exception {
        var h = harness(LatePolicy.ADJUST, HOLD);
        h.processElement(event("a", 599 * MIN, 1, -1), 0);
        watermark(h, 601 * MIN);
        drain(h);
        h.processBroadcastElement(new ControlSignal(ControlRecords.STRANDED_DRAINED, 2, "in", 0, 7), 0);
        assertEquals(List.of(), drain(h));
        h.processElement(event("s", 599 * MIN + 1, 2, 1), 0);
        h.processBroadcastElement(new ControlSignal(ControlRecords.STRANDED_DRAINED, 1, "in", 0, 8), 0);
        assertEquals(List.of("599:2:3.0:false"), drain(h));
    }

    @Test
    void withoutAHoldNothingIsMarkedAndADuplicateInAnOpenWindowCountsOnce() throws Exception {
        var h = harness(LatePolicy.SIDE_OUTPUT, StrandedHold.NONE);
        h.processElement(event("a", 10 * MIN, 1, -1), 0);
        h.processElement(event("a", 10 * MIN, 1, -1), 0);
        h.processElement(event("b", 10 * MIN + 5, 2, -1), 0);
        watermark(h, 11 * MIN);
        assertEquals(List.of("10:2:3.0:false"), drain(h));
        h.processElement(event("c", 10 * MIN + 7, 2, -1), 0);
        // A closed window and its event ids are forgotten: the old id is late now, not a silent duplicate.
        h.processElement(event("a", 10 * MIN, 1, -1), 0);
        assertEquals(2, h.getSideOutput(WindowAggregator.TOO_LATE).size());
    }
}
