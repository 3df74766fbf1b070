package io.github.fgf.statetools.read;

import io.github.fgf.job.state.StateLayout;
import io.github.fgf.statetools.location.SnapshotUri;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Keyed-state key counts through the State Processor API (a local Flink job: seconds, so only on
 * request). Counts the event ids the dedup operator remembers: what protects a replay overlap.
 */
public final class KeyCounts {

    private KeyCounts() {}

    public static Map<String, Long> count(SnapshotUri snapshot) throws Exception {
        Configuration conf = new Configuration();
        if (snapshot.account() != null && snapshot.account().startsWith("devstoreaccount1")) {
            conf.setString("fs.azure.storage.emulator.account.name", "devstoreaccount1");
        } else if (snapshot.account() != null && System.getenv("AZURE_STORAGE_KEY") != null) {
            conf.setString("fs.azure.account.key." + snapshot.account(), System.getenv("AZURE_STORAGE_KEY"));
        }
        FileSystem.initialize(conf, null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader reader = SavepointReader.read(env, snapshot.withoutQuery(), new EmbeddedRocksDBStateBackend());
        Map<String, Long> out = new LinkedHashMap<>();
        long n = 0;
        try (CloseableIterator<Long> it = reader.readKeyedState(OperatorIdentifier.forUid(StateLayout.DEDUP_UID),
                new DedupKeys()).executeAndCollect()) {
            while (it.hasNext()) n += it.next();
        }
        out.put(StateLayout.DEDUP_UID + "/" + StateLayout.DEDUP_STATE, n);
        return out;
    }

    /** Emits 1 per key of the dedup state; registers it as the job does (with TTL) so keys can be iterated. */
    public static final class DedupKeys extends KeyedStateReaderFunction<String, Long> {
        private transient ValueState<Boolean> seen;

        @Override
        public void open(Configuration parameters) {
            ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>(StateLayout.DEDUP_STATE, Types.BOOLEAN);
            // The TTL wrapper is part of the stored format; expired-but-present entries still count.
            d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(3650))
                    .setStateVisibility(StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp).build());
            seen = getRuntimeContext().getState(d);
        }

        @Override
        public void readKey(String key, Context ctx, Collector<Long> out) {
            out.collect(1L);
        }
    }
}
