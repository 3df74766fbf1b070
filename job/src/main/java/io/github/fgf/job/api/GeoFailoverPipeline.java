package io.github.fgf.job.api;

import io.github.fgf.job.config.JobConfig;
import io.github.fgf.job.config.JobOptions;
import io.github.fgf.job.config.StartPosition;
import io.github.fgf.job.model.DeadLetter;
import io.github.fgf.job.model.RawRecord;
import io.github.fgf.job.model.TelemetryEvent;
import io.github.fgf.job.model.WindowAggregate;
import io.github.fgf.job.pipeline.DedupFunction;
import io.github.fgf.job.pipeline.JsonRecordSerializer;
import io.github.fgf.job.pipeline.NamespaceFence;
import io.github.fgf.job.pipeline.OutputFormats;
import io.github.fgf.job.pipeline.ParseFunction;
import io.github.fgf.job.pipeline.PartitionWatermarks;
import io.github.fgf.job.pipeline.ProgressTracker;
import io.github.fgf.job.pipeline.RawRecordDeserializer;
import io.github.fgf.job.pipeline.WindowAggregator;
import io.github.fgf.job.state.StateLayout;
import io.github.fgf.job.model.ControlSignal;
import io.github.fgf.job.state.ControlRecords;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public API: a failover-aware event stream in, your transformation, the output hub out.
 *
 * <pre>{@code
 * JobConfig config = JobConfig.fromArgs(args);
 * StreamExecutionEnvironment env = GeoFailoverPipeline.environment(config);
 * DataStream<TelemetryEvent> events = GeoFailoverPipeline.events(env, config);  // deduped, watermarked
 * DataStream<TelemetryEvent> mine = events.filter(e -> e.metrics.containsKey("temperature")).uid("my-filter");
 * GeoFailoverPipeline.sinkAggregates(GeoFailoverPipeline.aggregate(mine, config), config);
 * env.execute(config.get(JobOptions.JOB_NAME));
 * }</pre>
 *
 * Everything DR depends on stays inside: the source uid carries the namespace, the start position
 * comes from the controller, dedup absorbs replay overlap, progress is kept for the controller,
 * and every output carries region and epoch. Give your own stateful operators stable uids.
 */
public final class GeoFailoverPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(GeoFailoverPipeline.class);
    /**
     * The control records that {@link #events} split off, per environment, for {@link #aggregate}: the public API
     * passes events between the two, and the window operator needs the controller's control records beside them.
     */
    private static final Map<StreamExecutionEnvironment, DataStream<ControlSignal>> CONTROL =
            Collections.synchronizedMap(new WeakHashMap<>());

    private GeoFailoverPipeline() {}

    /** RocksDB incremental checkpoints in exactly-once mode, retained on cancellation, to the configured storage. */
    public static StreamExecutionEnvironment environment(JobConfig c) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.get(JobOptions.CHECKPOINTS));
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, c.get(JobOptions.SAVEPOINTS));
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.enableCheckpointing(c.get(JobOptions.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** Source (uid source-<namespace>), progress, parse (malformed to the dead-letter hub), dedup, watermarks. */
    public static DataStream<TelemetryEvent> events(StreamExecutionEnvironment env, JobConfig c) {
        String namespace = c.sourceNamespace();
        LOG.info("Source reads {} in namespace {} from position {}: the uid {} keeps offsets of other namespaces out",
                c.get(JobOptions.INPUT_HUB), namespace, c.get(JobOptions.START_POSITION), StateLayout.sourceUid(namespace));
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setProperties(c.eventHubs().kafkaProperties())
                .setTopics(c.get(JobOptions.INPUT_HUB))
                .setGroupId(c.get(JobOptions.CONSUMER_GROUP))
                .setStartingOffsets(startingOffsets(c.get(JobOptions.START_POSITION), c.get(JobOptions.INPUT_HUB)))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        // Watermarks per partition, in the source: one partition's backlog racing ahead must not make the
        // others' events late, and a quiet partition stops holding the watermark back after the idle timeout.
        WatermarkStrategy<RawRecord> perPartition = PartitionWatermarks.of(c.get(JobOptions.MAX_OUT_OF_ORDERNESS),
                c.get(JobOptions.IDLE_TIMEOUT));
        DataStream<RawRecord> raw = env.fromSource(source, perPartition, StateLayout.sourceUid(namespace))
                .uid(StateLayout.sourceUid(namespace))
                .map(new ProgressTracker(NamespaceFence.kafka(namespace, c.get(JobOptions.FENCE_CLUSTER_ID),
                        c.get(JobOptions.FENCE_INTERVAL), c.get(JobOptions.FENCE_GRACE), c.eventHubs().kafkaProperties())))
                .name(StateLayout.SOURCE_PROGRESS_UID).uid(StateLayout.SOURCE_PROGRESS_UID);
        return defineEvents(raw, c);
    }

    /** Everything after the source; tests call it with their own stream of parsed raw records that carries watermarks. */
    static DataStream<TelemetryEvent> defineEvents(DataStream<RawRecord> raw, JobConfig c) {
        SingleOutputStreamOperator<TelemetryEvent> parsed = raw.process(new ParseFunction())
                .name(StateLayout.PARSE_UID).uid(StateLayout.PARSE_UID);
        CONTROL.put(raw.getExecutionEnvironment(), parsed.getSideOutput(ParseFunction.CONTROL));
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ParseFunction.DEAD_LETTERS);
        deadLetters.sinkTo(sink(c, new JsonRecordSerializer<>(c.get(JobOptions.DEAD_LETTER_HUB), d -> null,
                        OutputFormats::deadLetter), "dead-letter"))
                .name(StateLayout.DEAD_LETTER_SINK_UID).uid(StateLayout.DEAD_LETTER_SINK_UID);
        return parsed.keyBy(e -> e.eventId)
                .process(new DedupFunction(c.get(JobOptions.DEDUP_HORIZON))).name(StateLayout.DEDUP_UID).uid(StateLayout.DEDUP_UID);
    }

    /** keyBy deviceId, tumbling event-time windows, the late policy; too-late events to the late hub if so configured. */
    public static DataStream<WindowAggregate> aggregate(DataStream<TelemetryEvent> events, JobConfig c) {
        StreamExecutionEnvironment env = events.getExecutionEnvironment();
        DataStream<ControlSignal> control = CONTROL.get(env);
        if (control == null) control = env.fromData(List.of(), TypeInformation.of(ControlSignal.class));
        SingleOutputStreamOperator<WindowAggregate> windows = events.keyBy(e -> e.deviceId)
                .connect(control.broadcast(WindowAggregator.RELEASES))
                .process(new WindowAggregator(c.windowSize(), c.get(JobOptions.ALLOWED_LATENESS), c.get(JobOptions.LATE_POLICY),
                        c.get(JobOptions.EPOCH), c.strandedHold()))
                .name(StateLayout.WINDOW_UID).uid(StateLayout.WINDOW_UID);
        windows.getSideOutput(WindowAggregator.TOO_LATE)
                .sinkTo(sink(c, new JsonRecordSerializer<>(c.get(JobOptions.LATE_HUB), e -> e.deviceId,
                        OutputFormats::event, ControlRecords.STRANDED_HEADER,
                        e -> e.strandedEpoch >= 0 ? String.valueOf(e.strandedEpoch) : null), "late"))
                .name(StateLayout.LATE_SINK_UID).uid(StateLayout.LATE_SINK_UID);
        return windows;
    }

    /** Writes aggregates keyed {@code deviceId|windowStart}, stamped with region and epoch. */
    public static void sinkAggregates(DataStream<WindowAggregate> aggregates, JobConfig c) {
        String region = c.get(JobOptions.REGION);
        long epoch = c.get(JobOptions.EPOCH);
        aggregates.sinkTo(sink(c, new JsonRecordSerializer<>(c.get(JobOptions.OUTPUT_HUB), OutputFormats::aggregateKey,
                        a -> OutputFormats.aggregate(a, region, epoch)), "output"))
                .name(StateLayout.SINK_UID).uid(StateLayout.SINK_UID);
    }

    static <T> KafkaSink<T> sink(JobConfig c, JsonRecordSerializer<T> serializer, String name) {
        Properties p = c.eventHubs().kafkaProperties();
        p.remove("session.timeout.ms");
        boolean exactlyOnce = c.get(JobOptions.DELIVERY) == JobOptions.DeliveryGuarantee.EXACTLY_ONCE;
        if (exactlyOnce) p.setProperty("transaction.timeout.ms", "600000");
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(p)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(c.get(JobOptions.JOB_NAME) + "-" + c.get(JobOptions.REGION) + "-e"
                        + c.get(JobOptions.EPOCH) + "-" + name)
                .build();
    }

    static OffsetsInitializer startingOffsets(StartPosition p, String topic) {
        return switch (p.kind()) {
            case OFFSETS -> {
                java.util.Map<org.apache.kafka.common.TopicPartition, Long> at = new java.util.HashMap<>();
                p.offsets().forEach((partition, offset) -> at.put(new org.apache.kafka.common.TopicPartition(topic, partition), offset));
                yield OffsetsInitializer.offsets(at, OffsetResetStrategy.EARLIEST);
            }
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case TIMESTAMP -> OffsetsInitializer.timestamp(p.timestamp().toEpochMilli());
            case SAVEPOINT -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

}
