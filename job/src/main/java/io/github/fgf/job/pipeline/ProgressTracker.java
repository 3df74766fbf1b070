package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.RawRecord;
import io.github.fgf.job.state.ProgressCodec;
import io.github.fgf.job.state.StateLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chained to the source: records per topic-partition the max record timestamp (enqueued time)
 * and offset processed, in operator state. The controller reads it from a savepoint to choose
 * a replay timestamp and to count events at risk.
 *
 * <p>It also fences the job ({@link NamespaceFence}): at start, and every fence interval after,
 * it compares the Kafka cluster the alias leads to with the one recorded for the source's
 * namespace; on a mismatch the job fails with {@link SuppressRestartsException}, so Flink does not
 * restart it, before another record passes. Given the namespace's cluster id ({@code fence.cluster-id}), a job that
 * has not reached it yet fails with an ordinary error instead, and Flink restarts it until the alias leads there.
 */
public class ProgressTracker extends RichMapFunction<RawRecord, RawRecord> implements CheckpointedFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);
    private final NamespaceFence fence;
    private final Map<String, ProgressCodec.Entry> progress = new HashMap<>();
    private final Map<String, String> clusters = new TreeMap<>();
    private transient ListState<String> state;
    private transient ListState<String> clusterState;
    private transient volatile String fenced;
    /** Why the job must fail and be restarted: it has not reached its namespace yet. */
    private transient volatile String notThere;
    private transient ScheduledExecutorService checker;
    private transient long mismatchSince;

    public ProgressTracker() {
        this(null);
    }

    /** @param fence null for no fencing (tests that feed their own records) */
    public ProgressTracker(NamespaceFence fence) {
        this.fence = fence;
    }

    @Override
    public void open(Configuration parameters) {
        if (fence == null || !fence.enabled()) return;
        check(true);
        if (fenced != null) throw stop();
        if (notThere != null) throw retry();
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fgf-namespace-fence");
            t.setDaemon(true);
            return t;
        });
        long every = fence.interval().toMillis();
        checker.scheduleWithFixedDelay(() -> check(false), every, every, TimeUnit.MILLISECONDS);
    }

    /** @param atStart true when this task has just connected through the alias: no grace then */
    private void check(boolean atStart) {
        Optional<String> reached = fence.current();
        if (reached.isEmpty()) return;
        synchronized (clusters) {
            if (fence.mayRecord(clusters, reached.get())) {
                clusters.put(fence.namespace(), reached.get());
                LOG.info("Namespace {} is Kafka cluster {}: recorded, so that a later move of the alias fences this job",
                        fence.namespace(), reached.get());
            }
            Optional<String> early = fence.notThereYet(clusters, reached.get());
            if (early.isPresent()) {
                if (notThere == null) LOG.warn("{}", early.get());
                notThere = early.get();
                return;
            }
            notThere = null;
            Optional<String> verdict = fence.verdict(clusters, reached.get());
            if (verdict.isEmpty()) {
                mismatchSince = 0;
                return;
            }
            long now = System.currentTimeMillis();
            if (mismatchSince == 0) mismatchSince = now;
            if (atStart || now - mismatchSince >= fence.grace().toMillis()) {
                if (fenced == null) LOG.error("{}", verdict.get());
                fenced = verdict.get();
            } else {
                LOG.info("The alias leads to another namespace's cluster {}; this job's connections stay with {} and it stops "
                        + "in {} s unless the alias comes back (a planned failover drains and stops it meanwhile)",
                        reached.get(), fence.namespace(), (fence.grace().toMillis() - (now - mismatchSince)) / 1000);
            }
        }
    }

    private SuppressRestartsException stop() {
        return new SuppressRestartsException(new IllegalStateException(fenced));
    }

    private IllegalStateException retry() {
        return new IllegalStateException(notThere);
    }

    @Override
    public RawRecord map(RawRecord r) {
        if (fenced != null) throw stop();
        if (notThere != null) throw retry();
        progress.merge(r.topic + "|" + r.partition, new ProgressCodec.Entry(r.topic, r.partition, r.recordTimestamp, r.offset),
                (a, b) -> new ProgressCodec.Entry(a.topic(), a.partition(), Math.max(a.maxRecordTimestamp(), b.maxRecordTimestamp()),
                        Math.max(a.maxOffset(), b.maxOffset())));
        return r;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(progress.values().stream().map(ProgressCodec::encode).toList());
        synchronized (clusters) {
            clusterState.update(clusters.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).toList());
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(StateLayout.PROGRESS_STATE, Types.STRING));
        for (String s : state.get()) {
            ProgressCodec.Entry e = ProgressCodec.decode(s);
            progress.merge(e.topic() + "|" + e.partition(), e, (a, b) -> a.maxRecordTimestamp() >= b.maxRecordTimestamp() ? a : b);
        }
        // Union state: every subtask must know every namespace's cluster, whatever the parallelism.
        clusterState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(StateLayout.NAMESPACE_CLUSTERS_STATE, Types.STRING));
        for (String s : clusterState.get()) {
            int bar = s.indexOf('|');
            if (bar > 0) clusters.putIfAbsent(s.substring(0, bar), s.substring(bar + 1));
        }
    }

    @Override
    public void close() {
        if (checker != null) checker.shutdownNow();
    }
}
