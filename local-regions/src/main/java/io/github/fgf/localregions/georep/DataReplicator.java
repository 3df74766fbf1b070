package io.github.fgf.localregions.georep;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event Hubs Geo-Replication's data plane, locally: copies every record of every hub of the primary namespace, in
 * order, partition by partition, to the secondary, so that offsets (and enqueue times) are identical there. It copies
 * a record once it is {@code lag} old, so it runs behind by about the lag, as asynchronous replication up to a maximum
 * lag does; and it copies consumer groups' committed offsets, never beyond what it has copied. The secondary's hubs
 * take the primary's enqueue time ({@code message.timestamp.type=CreateTime}); a promotion gives the new primary's
 * hubs their own clock back.
 *
 * <p>A hub written with Kafka transactions has markers that take offsets a plain producer cannot reproduce: its
 * committed records are copied in order, but from the first marker on its offsets differ, which the status reports
 * ({@code offsetsIdentical: false}) and a WARN says once. The job reads offsets only of its input hub.
 */
public final class DataReplicator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataReplicator.class);
    static final Duration METADATA_INTERVAL = Duration.ofSeconds(1);

    /** One partition's replication: the primary's end, what has been copied, and whether offsets still match. */
    public record PartitionProgress(long primaryEnd, long replicated, boolean offsetsIdentical) {}

    private final Properties from;
    private final Properties to;
    private final Duration lag;
    private final Clock clock;
    private final String name;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean catchUp;
    private final Map<TopicPartition, Long> replicated = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> primaryEnds = new ConcurrentHashMap<>();
    private final Set<TopicPartition> diverged = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> pending = new HashMap<>();
    private final Map<String, Map<TopicPartition, Long>> groupsCopied = new HashMap<>();
    private volatile Exception lastError;

    /**
     * @param from client properties of the primary's broker (direct, not through the namespace host name)
     * @param to   client properties of the secondary's broker
     */
    public DataReplicator(String name, Properties from, Properties to, Duration lag, Clock clock) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.lag = lag;
        this.clock = clock;
        this.thread = new Thread(this::run, "geo-replication " + name);
        thread.setDaemon(true);
    }

    public DataReplicator start() {
        thread.start();
        LOG.info("Geo-Replication {} started, up to {} ms behind", name, lag.toMillis());
        return this;
    }

    /** Per hub and partition, how far replication has come. */
    public Map<String, Map<Integer, PartitionProgress>> progress() {
        Map<String, Map<Integer, PartitionProgress>> out = new TreeMap<>();
        primaryEnds.forEach((tp, end) -> out.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(),
                new PartitionProgress(end, replicated.getOrDefault(tp, 0L), !diverged.contains(tp))));
        return out;
    }

    /**
     * A planned promotion: ignores the lag and copies until every partition has all the primary had when this was
     * called (sends to it are refused by then), then stops. False if that took longer than {@code timeout}.
     */
    public boolean catchUpAndStop(Duration timeout) throws InterruptedException {
        catchUp = true;
        Map<TopicPartition, Long> target;
        try (Admin a = Admin.create(from)) {
            target = endOffsets(a, topics(a));
        } catch (Exception e) {
            throw new IllegalStateException("the primary did not answer for its end offsets: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (target.entrySet().stream().allMatch(e -> replicated.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                Thread.sleep(METADATA_INTERVAL.toMillis() + 200); // one more round: the consumer groups' offsets
                close();
                return true;
            }
            Thread.sleep(50);
        }
        close();
        return false;
    }

    /** A forced promotion (or the primary lost): stops at once; what was not copied stays in the primary only. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }

    Exception lastError() {
        return lastError;
    }

    private void run() {
        long nextMetadata = 0;
        while (running) {
            try (Admin source = Admin.create(from); Admin target = Admin.create(to);
                 KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps());
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
                Set<TopicPartition> assigned = new HashSet<>();
                pending.clear();
                while (running) {
                    if (System.nanoTime() >= nextMetadata) {
                        assign(source, target, consumer, assigned);
                        primaryEnds.putAll(endOffsets(source, topicsOf(assigned)));
                        copyGroupOffsets(source, target);
                        nextMetadata = System.nanoTime() + METADATA_INTERVAL.toNanos();
                    }
                    if (assigned.isEmpty()) {
                        Thread.sleep(100); // no hub yet
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        pending.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayDeque<>()).add(r);
                    }
                    copyDue(consumer, producer);
                }
            } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
                return;
            } catch (Exception e) {
                // A region down (the secondary killed in a drill, say): keep trying; copying resumes from the secondary's end.
                if (lastError == null || !String.valueOf(lastError.getMessage()).equals(String.valueOf(e.getMessage()))) {
                    LOG.warn("Geo-Replication {} paused: {}", name, e.getMessage());
                }
                lastError = e;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Copies, in order per partition, each pending record that is old enough; a partition waits behind its oldest. */
    private void copyDue(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) throws Exception {
        long due = clock.millis() - (catchUp ? 0 : lag.toMillis());
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (var e : pending.entrySet()) {
            ArrayDeque<ConsumerRecord<byte[], byte[]>> q = e.getValue();
            while (!q.isEmpty() && q.peek().timestamp() <= due) {
                ConsumerRecord<byte[], byte[]> r = q.poll();
                sent.add(producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(), r.key(), r.value(), r.headers())));
                records.add(r);
            }
            // Hold a partition whose backlog is not due yet, so that its queue cannot grow without bound.
            if (q.size() > 10_000) consumer.pause(List.of(e.getKey()));
            else if (consumer.paused().contains(e.getKey())) consumer.resume(List.of(e.getKey()));
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            long offset = sent.get(i).get(30, TimeUnit.SECONDS).offset();
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            if (offset != r.offset() && diverged.add(tp)) {
                LOG.warn("Geo-Replication {}: {} record at offset {} landed at {} in the secondary: offsets of this partition differ"
                        + " from here on (a transactional hub's markers cannot be copied)", name, tp, r.offset(), offset);
            }
            replicated.put(tp, r.offset() + 1);
        }
    }

    /** Every hub of the primary, created in the secondary with its partitions and the primary's enqueue times. */
    private void assign(Admin source, Admin target, KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> assigned)
            throws Exception {
        Set<String> names = topics(source);
        Set<String> existing = target.listTopics().names().get(10, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        Map<String, TopicDescription> described = source.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        Set<TopicPartition> all = new HashSet<>();
        for (TopicDescription d : described.values()) {
            d.partitions().forEach(p -> all.add(new TopicPartition(d.name(), p.partition())));
            if (!existing.contains(d.name())) {
                missing.add(new NewTopic(d.name(), d.partitions().size(), (short) 1).configs(Map.of("message.timestamp.type", "CreateTime")));
            }
        }
        if (!missing.isEmpty()) target.createTopics(missing).all().get(10, TimeUnit.SECONDS);
        // A hub some client had the secondary auto-create (with the broker's default partitions) gets the primary's count.
        Map<String, org.apache.kafka.clients.admin.NewPartitions> grow = new HashMap<>();
        Set<String> both = new HashSet<>(names);
        both.retainAll(existing);
        if (!both.isEmpty()) {
            for (TopicDescription t : target.describeTopics(both).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                int want = described.get(t.name()).partitions().size();
                if (t.partitions().size() < want) grow.put(t.name(), org.apache.kafka.clients.admin.NewPartitions.increaseTo(want));
            }
        }
        if (!grow.isEmpty()) target.createPartitions(grow).all().get(10, TimeUnit.SECONDS);
        Set<String> newTopics = new HashSet<>();
        all.stream().filter(tp -> !assigned.contains(tp)).forEach(tp -> newTopics.add(tp.topic()));
        if (newTopics.isEmpty()) return;
        setTimestampType(target, newTopics, "CreateTime");
        Map<TopicPartition, Long> ends = endOffsets(target, newTopics);
        assigned.addAll(all);
        consumer.assign(assigned);
        for (TopicPartition tp : all) {
            if (!newTopics.contains(tp.topic())) continue;
            long next = ends.getOrDefault(tp, 0L);
            consumer.seek(tp, next);
            replicated.put(tp, next);
        }
        LOG.info("Geo-Replication {} copies hubs {} (resuming at the secondary's end offsets)", name, new java.util.TreeSet<>(newTopics));
    }

    /** Committed offsets of every consumer group, as far as the records are copied. */
    private void copyGroupOffsets(Admin source, Admin target) throws Exception {
        Collection<ConsumerGroupListing> groups = source.listConsumerGroups().all().get(10, TimeUnit.SECONDS);
        for (ConsumerGroupListing g : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    source.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> copy = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (om == null) return;
                long offset = Math.min(om.offset(), replicated.getOrDefault(tp, 0L));
                copy.put(tp, new OffsetAndMetadata(offset, om.metadata()));
            });
            Map<TopicPartition, Long> plain = new HashMap<>();
            copy.forEach((tp, om) -> plain.put(tp, om.offset()));
            if (copy.isEmpty() || plain.equals(groupsCopied.get(g.groupId()))) continue;
            try {
                target.alterConsumerGroupOffsets(g.groupId(), copy).all().get(10, TimeUnit.SECONDS);
                groupsCopied.put(g.groupId(), plain);
            } catch (Exception e) {
                LOG.debug("Geo-Replication {}: offsets of group {} not copied this round: {}", name, g.groupId(), e.getMessage());
            }
        }
    }

    static Set<String> topics(Admin a) throws Exception {
        Set<String> names = new HashSet<>(a.listTopics().names().get(10, TimeUnit.SECONDS));
        names.removeIf(n -> n.startsWith("__"));
        return names;
    }

    private static Set<String> topicsOf(Set<TopicPartition> tps) {
        Set<String> s = new HashSet<>();
        tps.forEach(tp -> s.add(tp.topic()));
        return s;
    }

    static Map<TopicPartition, Long> endOffsets(Admin a, Set<String> topics) throws Exception {
        if (topics.isEmpty()) return Map.of();
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (TopicDescription d : a.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> ask.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        a.listOffsets(ask).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** CreateTime on a secondary's hubs (they keep the primary's enqueue times); a primary's own clock otherwise. */
    public static void setTimestampType(Admin a, Set<String> topics, String type) throws Exception {
        if (topics.isEmpty()) return;
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (String t : topics) {
            AlterConfigOp op = type.equals("CreateTime")
                    ? new AlterConfigOp(new ConfigEntry("message.timestamp.type", "CreateTime"), AlterConfigOp.OpType.SET)
                    : new AlterConfigOp(new ConfigEntry("message.timestamp.type", ""), AlterConfigOp.OpType.DELETE);
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(op));
        }
        a.incrementalAlterConfigs(ops).all().get(10, TimeUnit.SECONDS);
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.putAll(from);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return p;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.putAll(to);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return p;
    }
}
