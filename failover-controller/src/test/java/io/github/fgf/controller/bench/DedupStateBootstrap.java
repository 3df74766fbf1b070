package io.github.fgf.controller.bench;

import io.github.fgf.job.pipeline.DedupFunction;
import io.github.fgf.job.state.StateLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Writes a savepoint holding only the dedup operator's state, {@code keys} event ids, as the job
 * would have it: the job's uid, state name, String key and TTL (the descriptor is the job's own).
 * Far faster than feeding that many events through the job, which is how state of 1 GB becomes
 * measurable here. The ids look like production ones (random UUIDs), so RocksDB cannot compress
 * them away. Max parallelism 128, which the job adopts, since it sets none.
 */
final class DedupStateBootstrap {

    private DedupStateBootstrap() {}

    static void write(long keys, Path savepoint, Duration horizon) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        var ids = OperatorTransformation.bootstrapWith(env.fromSequence(0, keys - 1))
                .keyBy(new EventIdOf(), Types.STRING)
                .transform(new MarkSeen(horizon));
        SavepointWriter.newSavepoint(env, new EmbeddedRocksDBStateBackend(), 128)
                .withOperator(OperatorIdentifier.forUid(StateLayout.DEDUP_UID), ids)
                .write(savepoint.toUri().toString());
        env.execute("bench: bootstrap " + keys + " dedup keys");
    }

    /** A random-looking, reproducible UUID per index. */
    static final class EventIdOf implements KeySelector<Long, String> {
        @Override
        public String getKey(Long i) {
            return new UUID(mix(i), mix(~i)).toString();
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    static final class MarkSeen extends KeyedStateBootstrapFunction<String, Long> {
        private final Duration horizon;
        private transient ValueState<Boolean> seen;

        MarkSeen(Duration horizon) {
            this.horizon = horizon;
        }

        @Override
        public void open(Configuration parameters) {
            seen = getRuntimeContext().getState(DedupFunction.seenDescriptor(horizon));
        }

        @Override
        public void processElement(Long i, Context ctx) throws Exception {
            seen.update(true);
        }
    }
}
