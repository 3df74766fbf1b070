package io.github.fgf.job.pipeline;

import io.github.fgf.job.config.LatePolicy;
import io.github.fgf.job.model.TelemetryEvent;
import io.github.fgf.job.model.WindowAggregate;
import io.github.fgf.job.state.StateLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by deviceId: tumbling event-time windows aligned to the epoch, half-open [start, end).
 * A window is emitted when the watermark passes its end; a late event within the allowed
 * lateness updates it and re-emits it (same output key, so consumers upsert). Later than that,
 * the late policy decides: drop, side-output, or adjust (Stream Analytics' Adjust: the event
 * takes the watermark's time and lands in the open window).
 *
 * <p>Written as a process function rather than Flink's window operator because Adjust needs
 * the current watermark at the moment an event is assigned to a window.
 */
public class WindowAggregator extends KeyedProcessFunction<String, TelemetryEvent, WindowAggregate> {

    public static final OutputTag<TelemetryEvent> TOO_LATE = new OutputTag<>("too-late") {};

    private final long size;
    private final long lateness;
    private final LatePolicy policy;
    private transient MapState<Long, WindowAggregate> windows;
    private transient Counter dropped;
    private transient Counter adjusted;

    public WindowAggregator(Duration size, Duration allowedLateness, LatePolicy policy) {
        this.size = size.toMillis();
        this.lateness = allowedLateness.toMillis();
        this.policy = policy;
    }

    @Override
    public void open(Configuration parameters) {
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>(StateLayout.WINDOW_STATE, Types.LONG,
                TypeInformation.of(WindowAggregate.class)));
        dropped = getRuntimeContext().getMetricGroup().counter("lateEventsDropped");
        adjusted = getRuntimeContext().getMetricGroup().counter("lateEventsAdjusted");
    }

    static long windowStart(long ts, long size) {
        return ts - Math.floorMod(ts, size);
    }

    @Override
    public void processElement(TelemetryEvent e, Context ctx, Collector<WindowAggregate> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long start = windowStart(e.timestamp, size);
        long lastMoment = start + size - 1;
        if (lastMoment <= watermark) {
            if (lastMoment + lateness > watermark) {
                // Late but allowed: update the emitted window and emit it again.
                WindowAggregate agg = orNew(start, e.deviceId);
                agg.add(e);
                windows.put(start, agg);
                out.collect(agg);
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
        WindowAggregate agg = orNew(start, e.deviceId);
        agg.add(e);
        windows.put(start, agg);
        ctx.timerService().registerEventTimeTimer(lastMoment);
    }

    private WindowAggregate orNew(long start, String deviceId) throws Exception {
        WindowAggregate agg = windows.get(start);
        return agg != null ? agg : new WindowAggregate(deviceId, start, start + size);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowAggregate> out) throws Exception {
        List<Long> expired = new ArrayList<>();
        for (var entry : windows.entries()) {
            long lastMoment = entry.getKey() + size - 1;
            if (lastMoment == timestamp) out.collect(entry.getValue());
            if (lastMoment + lateness <= timestamp) expired.add(entry.getKey());
        }
        for (Long start : expired) windows.remove(start);
    }
}
