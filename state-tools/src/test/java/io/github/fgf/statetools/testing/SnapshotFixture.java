package io.github.fgf.statetools.testing;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.shared.SharedEnvironment;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Runs the real job on the local environment to write real snapshots for state-tools tests. */
public final class SnapshotFixture implements AutoCloseable {

    public static final String ENTRY = "io.github.fgf.job.TelemetryJob";
    public final LocalRegions regions;
    public final Environment env;
    public final FlinkJobs flink;
    public final String jarId;

    /** Whether close() leaves the environment to the build (the shared one) or stops it (one of this fixture's own). */
    private final boolean shared;

    /** An environment of its own in {@code workDir}, stopped by {@link #close()} (benchmarks). */
    public SnapshotFixture(Path workDir) throws Exception {
        this(new LocalRegions(workDir), workDir, false);
    }

    private SnapshotFixture(LocalRegions regions, Path workDir, boolean shared) throws Exception {
        this.regions = regions;
        this.shared = shared;
        env = shared ? regions.environment() : regions.up(LocalRegionsOptions.defaults(workDir).withGrsLag(Duration.ZERO));
        flink = new FlinkJobs(env.region("primary").flink().restUrl());
        jarId = flink.upload(Path.of("../job/target/job-all.jar"));
    }

    /** On the build's one environment ({@link SharedEnvironment}), reset as an up leaves it; the build's end stops it. */
    public static SnapshotFixture shared() throws Exception {
        SharedEnvironment.fresh(SharedEnvironment.defaults().withGrsLag(Duration.ZERO));
        return new SnapshotFixture(SharedEnvironment.regions(), SharedEnvironment.workDir(), true);
    }

    public Properties brokerClient() {
        Environment.Region r = env.region("primary");
        return KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString());
    }

    /** Creates the topic and sends {@code perPartition} events to each of its partitions. */
    public void produce(String topic, int partitions, int perPartition) throws Exception {
        // Every hub the job writes too: left to auto-creation, an output's first batches can meet NOT_LEADER_OR_FOLLOWER
        // and the idempotent producer then retries OUT_OF_ORDER_SEQUENCE_NUMBER for minutes (seen in CI).
        try (Admin admin = Admin.create(brokerClient())) {
            for (String t : List.of(topic, topic + "-out", "telemetry-dead-letter", "telemetry-late")) {
                try {
                    admin.createTopics(List.of(new NewTopic(t, partitions, (short) 1))).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw e;
                }
            }
        }
        Properties p = brokerClient();
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        long base = Instant.now().minusSeconds(600).toEpochMilli();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int part = 0; part < partitions; part++) {
                for (int i = 0; i < perPartition; i++) {
                    long ts = base + i * 1000L;
                    String id = topic + "-" + part + "-" + i;
                    String json = "{\"eventId\":\"" + id + "\",\"deviceId\":\"d-" + (i % 7) + "\",\"timestamp\":" + ts
                            + ",\"temperature\":" + (i % 40) + "}";
                    producer.send(new ProducerRecord<>(topic, part, ts, null, json));
                }
            }
            producer.flush();
        }
    }

    /** End offsets of the topic on the primary broker, per partition. */
    public Map<Integer, Long> endOffsets(String topic) {
        Properties p = brokerClient();
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<Integer, Long> out = new HashMap<>();
            c.endOffsets(parts).forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }

    /** Waits until the job's consumer group has committed (on checkpoint) every end offset. */
    public void awaitConsumed(String group, String topic, Duration timeout) throws Exception {
        Map<Integer, Long> end = endOffsets(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(brokerClient())) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean all = end.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata c = committed.get(new TopicPartition(topic, e.getKey()));
                    return c != null && c.offset() >= e.getValue();
                });
                if (all) return;
                Thread.sleep(250);
            }
        }
        throw new AssertionError("group " + group + " did not consume " + topic + " within " + timeout);
    }

    /** Job arguments through the alias, with the given storage locations. */
    public List<String> args(String topic, String checkpoints, String savepoints) {
        Map<String, String> a = new java.util.TreeMap<>();
        a.put("eventhubs.connection-string", env.alias().connectionString());
        a.put("eventhubs.local-bootstrap", env.alias().bootstrap());
        a.put("hubs.input", topic);
        a.put("hubs.output", topic + "-out");
        a.put("eventhubs.consumer-group", topic);
        a.put("storage.checkpoints", checkpoints);
        a.put("storage.savepoints", savepoints);
        a.put("checkpoint.interval", "1s");
        a.put("source.namespace", "ns-primary");
        a.put("source.start-position", "earliest");
        List<String> out = new ArrayList<>();
        a.forEach((k, v) -> {
            out.add("--" + k);
            out.add(v);
        });
        return out;
    }

    public String run(List<String> args, String savepoint) throws Exception {
        return flink.run(jarId, ENTRY, args, savepoint, false, 1);
    }

    public void awaitCheckpoints(String job, long n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (flink.completedCheckpoints(job) < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("job " + job + " completed fewer than " + n + " checkpoints");
            Thread.sleep(200);
        }
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (!shared) regions.down();
    }
}
