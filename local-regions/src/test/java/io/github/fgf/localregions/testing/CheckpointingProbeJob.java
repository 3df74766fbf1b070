package io.github.fgf.localregions.testing;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A tiny job submitted through REST in tests: counts slowly and checkpoints to the URI in args[0]. */
public final class CheckpointingProbeJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        env.getCheckpointConfig().setCheckpointStorage(args[0]);
        env.fromSequence(1, Long.MAX_VALUE).map(new Slow()).sinkTo(new DiscardingSink<>());
        env.execute("checkpointing-probe");
    }

    /** Keeps the job alive long enough to checkpoint without burning a core. */
    static final class Slow implements MapFunction<Long, Long> {
        @Override
        public Long map(Long value) throws Exception {
            Thread.sleep(5);
            return value;
        }
    }
}
