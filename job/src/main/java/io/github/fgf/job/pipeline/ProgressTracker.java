package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.RawRecord;
import io.github.fgf.job.state.ProgressCodec;
import io.github.fgf.job.state.StateLayout;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Chained to the source: records per topic-partition the max record timestamp (enqueued time)
 * and offset processed, in operator state. The controller reads it from a savepoint to choose
 * a replay timestamp and to count events at risk.
 */
public class ProgressTracker extends RichMapFunction<RawRecord, RawRecord> implements CheckpointedFunction {

    private final Map<String, ProgressCodec.Entry> progress = new HashMap<>();
    private transient ListState<String> state;

    @Override
    public RawRecord map(RawRecord r) {
        progress.merge(r.topic + "|" + r.partition, new ProgressCodec.Entry(r.topic, r.partition, r.recordTimestamp, r.offset),
                (a, b) -> new ProgressCodec.Entry(a.topic(), a.partition(), Math.max(a.maxRecordTimestamp(), b.maxRecordTimestamp()),
                        Math.max(a.maxOffset(), b.maxOffset())));
        return r;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(progress.values().stream().map(ProgressCodec::encode).toList());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(StateLayout.PROGRESS_STATE, Types.STRING));
        for (String s : state.get()) {
            ProgressCodec.Entry e = ProgressCodec.decode(s);
            progress.merge(e.topic() + "|" + e.partition(), e, (a, b) -> a.maxRecordTimestamp() >= b.maxRecordTimestamp() ? a : b);
        }
    }
}
