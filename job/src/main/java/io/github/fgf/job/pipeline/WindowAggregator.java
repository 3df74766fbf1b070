package io.github.fgf.job.pipeline;

import io.github.fgf.job.config.LatePolicy;
import io.github.fgf.job.config.StrandedHold;
import io.github.fgf.job.model.ControlSignal;
import io.github.fgf.job.model.TelemetryEvent;
import io.github.fgf.job.model.WindowAggregate;
import io.github.fgf.job.state.ControlRecords;
import io.github.fgf.job.state.StateLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by deviceId: tumbling event-time windows aligned to the epoch, half-open [start, end).
 * A window is emitted when the watermark passes its end; a late event within the allowed
 * lateness updates it and re-emits it (same output key, so consumers upsert). Later than that,
 * the late policy decides: drop, side-output, or adjust (Stream Analytics' Adjust: the event
 * takes the watermark's time and lands in the open window).
 *
 * <p>After a forced failover ({@link StrandedHold}), a window that may lack events stranded in the
 * lost region is emitted marked partial and kept in state. A stranded event, delivered later by
 * the failback drain, counts in its own window whatever the late policy; once the controller's
 * control record says the drain is done, every held window is emitted again, complete. Each
 * window remembers the ids it counted, so a replay or a producer's retry never counts twice while
 * the window can still change.
 *
 * <p>Written as a process function rather than Flink's window operator because Adjust needs
 * the current watermark when an event is assigned to a window, and the hold needs all windows.
 */
public class WindowAggregator extends KeyedBroadcastProcessFunction<String, TelemetryEvent, ControlSignal, WindowAggregate> {

    private static final Logger LOG = LoggerFactory.getLogger(WindowAggregator.class);
    public static final OutputTag<TelemetryEvent> TOO_LATE = new OutputTag<>("too-late") {};
    public static final MapStateDescriptor<Long, WindowAggregate> WINDOWS = new MapStateDescriptor<>(StateLayout.WINDOW_STATE,
            Types.LONG, TypeInformation.of(WindowAggregate.class));
    public static final MapStateDescriptor<String, Long> EVENT_IDS = new MapStateDescriptor<>(StateLayout.WINDOW_EVENT_IDS_STATE,
            Types.STRING, Types.LONG);
    public static final ValueStateDescriptor<Long> CLOSED_BEFORE = new ValueStateDescriptor<>(StateLayout.WINDOW_CLOSED_BEFORE_STATE,
            Types.LONG);
    public static final MapStateDescriptor<String, Long> RELEASES = new MapStateDescriptor<>(StateLayout.STRANDED_RELEASES_STATE,
            Types.STRING, Types.LONG);
    private static final String RELEASED_EPOCH = "released-epoch";

    private final long size;
    private final long lateness;
    private final LatePolicy policy;
    private final long epoch;
    private final StrandedHold hold;
    private transient MapState<Long, WindowAggregate> windows;
    private transient MapState<String, Long> ids;
    /** Per device: the end of the newest window emitted and forgotten (its events can no longer change anything). */
    private transient ValueState<Long> closedBefore;
    private transient Counter dropped;
    private transient Counter adjusted;
    private transient Counter duplicates;
    private transient Counter strandedCounted;
    private transient Counter strandedTooOld;

    public WindowAggregator(Duration size, Duration allowedLateness, LatePolicy policy) {
        this(size, allowedLateness, policy, 0, StrandedHold.NONE);
    }

    public WindowAggregator(Duration size, Duration allowedLateness, LatePolicy policy, long epoch, StrandedHold hold) {
        this.size = size.toMillis();
        this.lateness = allowedLateness.toMillis();
        this.policy = policy;
        this.epoch = epoch;
        this.hold = hold;
    }

    @Override
    public void open(Configuration parameters) {
        windows = getRuntimeContext().getMapState(WINDOWS);
        ids = getRuntimeContext().getMapState(EVENT_IDS);
        closedBefore = getRuntimeContext().getState(CLOSED_BEFORE);
        var metrics = getRuntimeContext().getMetricGroup();
        dropped = metrics.counter("lateEventsDropped");
        adjusted = metrics.counter("lateEventsAdjusted");
        duplicates = metrics.counter("duplicateEventsInWindow");
        strandedCounted = metrics.counter("strandedEventsCounted");
        strandedTooOld = metrics.counter("strandedEventsTooOld");
    }

    static long windowStart(long ts, long size) {
        return ts - Math.floorMod(ts, size);
    }

    @Override
    public void processElement(TelemetryEvent e, ReadOnlyContext ctx, Collector<WindowAggregate> out) throws Exception {
        if (ids.contains(e.eventId)) {
            duplicates.inc();
            return;
        }
        boolean pending = pending(ctx.getBroadcastState(RELEASES));
        long watermark = ctx.currentWatermark();
        long start = windowStart(e.timestamp, size);
        long lastMoment = start + size - 1;
        if (pending && held(start)) {
            // The window waits for stranded events: whatever arrives for it counts in it, late or not (a producer's
            // retry that reached both regions included), and the release emits it complete.
            add(e, start);
            if (lastMoment > watermark) ctx.timerService().registerEventTimeTimer(lastMoment);
            if (e.strandedEpoch >= 0) strandedCounted.inc();
            return;
        }
        if (e.strandedEpoch >= 0 && lastMoment <= watermark) {
            // Older than the horizon, closed before the restore point (it was late there too), or the drain was
            // already declared done: never adjusted into another window, never dropped silently.
            strandedTooOld.inc();
            ctx.output(TOO_LATE, e);
            return;
        }
        if (lastMoment <= watermark) {
            if (lastMoment + lateness > watermark) {
                // Late but allowed: update the emitted window and emit it again.
                emit(add(e, start), pending, out);
                ctx.timerService().registerEventTimeTimer(lastMoment + lateness);
                return;
            }
            switch (policy) {
                case DROP -> {
                    dropped.inc();
                    return;
                }
                case SIDE_OUTPUT -> {
                    ctx.output(TOO_LATE, e);
                    return;
                }
                case ADJUST -> {
                    adjusted.inc();
                    start = windowStart(watermark + 1, size);
                    lastMoment = start + size - 1;
                }
            }
        }
        add(e, start);
        ctx.timerService().registerEventTimeTimer(lastMoment);
    }

    /**
     * Whether this device's window is held: in the hold's range, and not one the restore point had already
     * emitted and forgotten (its value stands; an event for it was late in the lost region as well).
     */
    private boolean held(long start) throws Exception {
        Long closed = closedBefore.value();
        return hold.holds(start, size) && (closed == null || start + size > closed);
    }

    private WindowAggregate add(TelemetryEvent e, long start) throws Exception {
        WindowAggregate agg = windows.get(start);
        if (agg == null) agg = new WindowAggregate(e.deviceId, start, start + size);
        agg.add(e);
        windows.put(start, agg);
        ids.put(e.eventId, start);
        return agg;
    }

    private void emit(WindowAggregate agg, boolean pending, Collector<WindowAggregate> out) {
        agg.partial = pending && hold.mayLack(agg.windowStart);
        out.collect(agg);
    }

    private boolean pending(ReadOnlyBroadcastState<String, Long> releases) throws Exception {
        return hold.active() && !Long.valueOf(epoch).equals(releases.get(RELEASED_EPOCH));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowAggregate> out) throws Exception {
        boolean pending = pending(ctx.getBroadcastState(RELEASES));
        Set<Long> expired = new HashSet<>();
        for (var entry : windows.entries()) {
            long start = entry.getKey();
            long lastMoment = start + size - 1;
            if (lastMoment == timestamp) {
                emit(entry.getValue(), pending, out);
                // Without this timer a window with allowed lateness and no late event would stay in state for ever.
                if (lateness > 0) ctx.timerService().registerEventTimeTimer(lastMoment + lateness);
            }
            boolean held = pending && hold.holds(start, size);
            if (lastMoment + lateness <= timestamp && !held) expired.add(start);
        }
        forget(expired, windows, ids);
        // While windows are held, only windows older than the hold may move the mark: a window after the loss must not
        // make a stranded event's window look forgotten.
        for (Long start : expired) {
            if (!pending || start + size <= hold.strandedBefore() - hold.horizon()) closeThrough(start + size);
        }
    }

    private void closeThrough(long end) throws Exception {
        Long closed = closedBefore.value();
        if (closed == null || end > closed) closedBefore.update(end);
    }

    /** Removes windows and the event ids they counted. */
    private static void forget(Set<Long> starts, MapState<Long, WindowAggregate> windows, MapState<String, Long> ids)
            throws Exception {
        if (starts.isEmpty()) return;
        for (Long start : starts) windows.remove(start);
        List<String> gone = new ArrayList<>();
        for (var id : ids.entries()) {
            if (starts.contains(id.getValue())) gone.add(id.getKey());
        }
        for (String id : gone) ids.remove(id);
    }

    @Override
    public void processBroadcastElement(ControlSignal c, Context ctx, Collector<WindowAggregate> out) throws Exception {
        if (!ControlRecords.STRANDED_DRAINED.equals(c.kind) || c.epoch != epoch || !hold.active()) {
            LOG.info("Ignored control record {} for epoch {} from {}-{}@{}: this job is epoch {} {}", c.kind, c.epoch, c.topic,
                    c.partition, c.offset, epoch, hold.active() ? "holding windows" : "without held windows");
            return;
        }
        BroadcastState<String, Long> releases = ctx.getBroadcastState(RELEASES);
        if (Long.valueOf(epoch).equals(releases.get(RELEASED_EPOCH))) return;
        releases.put(RELEASED_EPOCH, epoch);
        long watermark = ctx.currentWatermark();
        long[] emitted = new long[1];
        Map<String, Set<Long>> expiredByKey = new HashMap<>();
        ctx.applyToKeyedState(WINDOWS, (key, state) -> {
            Set<Long> expired = new HashSet<>();
            for (var entry : state.entries()) {
                long start = entry.getKey();
                long lastMoment = start + size - 1;
                if (lastMoment > watermark) continue; // still open: it fires later, complete
                if (hold.holds(start, size)) {
                    WindowAggregate agg = entry.getValue();
                    agg.partial = false;
                    out.collect(agg);
                    emitted[0]++;
                }
                if (lastMoment + lateness <= watermark) expired.add(start);
            }
            for (Long start : expired) state.remove(start);
            if (!expired.isEmpty()) expiredByKey.put(key, expired);
        });
        ctx.applyToKeyedState(CLOSED_BEFORE, (key, state) -> {
            Set<Long> expired = expiredByKey.get(key);
            if (expired == null) return;
            long end = expired.stream().mapToLong(x -> x + size).max().getAsLong();
            if (state.value() == null || end > state.value()) state.update(end);
        });
        ctx.applyToKeyedState(EVENT_IDS, (key, state) -> {
            Set<Long> expired = expiredByKey.get(key);
            if (expired == null) return;
            List<String> gone = new ArrayList<>();
            for (var id : state.entries()) {
                if (expired.contains(id.getValue())) gone.add(id.getKey());
            }
            for (String id : gone) state.remove(id);
        });
        LOG.info("Released the windows held for events stranded before {} (epoch {}): {} emitted again complete, because the "
                + "failback drain is done ({}-{}@{})", Instant.ofEpochMilli(hold.strandedBefore()), epoch, emitted[0], c.topic,
                c.partition, c.offset);
    }
}
