package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.TelemetryEvent;
import io.github.fgf.job.state.StateLayout;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by eventId: passes the first occurrence, drops the rest. Producer retries and failover
 * replays carry the same id, so overlap never double counts. The TTL bounds the state; it must
 * exceed the longest replay overlap (state TTL in Flink is processing time).
 */
public class DedupFunction extends KeyedProcessFunction<String, TelemetryEvent, TelemetryEvent> {

    private final Duration horizon;
    private transient ValueState<Boolean> seen;
    /** Events dropped as seen before: duplicates a producer sent, or what a restart replayed (the drill reads it). */
    private transient org.apache.flink.metrics.Counter dropped;

    /** The dedup operator's metric: events dropped because their eventId was seen within the horizon. */
    public static final String DUPLICATES_DROPPED = "duplicateEventsDropped";

    public DedupFunction(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(Configuration parameters) {
        seen = getRuntimeContext().getState(seenDescriptor(horizon));
        dropped = getRuntimeContext().getMetricGroup().counter(DUPLICATES_DROPPED);
    }

    /** The dedup state's descriptor, TTL included; whatever writes this state for the job (a bootstrap) must use it. */
    public static ValueStateDescriptor<Boolean> seenDescriptor(Duration horizon) {
        ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>(StateLayout.DEDUP_STATE, Types.BOOLEAN);
        d.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return d;
    }

    @Override
    public void processElement(TelemetryEvent e, Context ctx, Collector<TelemetryEvent> out) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            out.collect(e);
        } else {
            dropped.inc();
        }
    }
}
