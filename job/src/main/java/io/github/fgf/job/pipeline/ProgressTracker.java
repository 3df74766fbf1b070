package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.PartitionProgress;
import io.github.fgf.job.model.RawRecord;
import io.github.fgf.job.state.StateLayout;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Chained to the source: records per topic-partition the max record timestamp (enqueued time)
 * and offset processed, in operator state. The controller reads it from a savepoint to choose
 * a replay timestamp and to count events at risk.
 */
public class ProgressTracker extends RichMapFunction<RawRecord, RawRecord> implements CheckpointedFunction {

    private final Map<String, PartitionProgress> progress = new HashMap<>();
    private transient ListState<PartitionProgress> state;

    @Override
    public RawRecord map(RawRecord r) {
        PartitionProgress p = progress.computeIfAbsent(r.topic + "-" + r.partition,
                k -> new PartitionProgress(r.topic, r.partition, Long.MIN_VALUE, -1));
        p.maxRecordTimestamp = Math.max(p.maxRecordTimestamp, r.recordTimestamp);
        p.maxOffset = Math.max(p.maxOffset, r.offset);
        return r;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(new java.util.ArrayList<>(progress.values()));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>(StateLayout.PROGRESS_STATE, PartitionProgress.class));
        for (PartitionProgress p : state.get()) {
            progress.merge(p.key(), p, (a, b) -> a.maxRecordTimestamp >= b.maxRecordTimestamp ? a : b);
        }
    }
}
