package io.github.fgf.testing;

import io.github.fgf.testing.Events.Line;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces input and reads output hubs of one broker, with Event Hubs-style SASL PLAIN. */
public final class Hubs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Properties client;

    /** A record read back: where it was, its key and value, and its timestamp (when the writer created it). */
    public record Read(int partition, long offset, String key, String value, Map<String, String> headers, long timestamp) {

        /** A consumed record, its key, value and headers as UTF-8 text. */
        public static Read of(ConsumerRecord<byte[], byte[]> r) {
            Map<String, String> headers = new TreeMap<>();
            r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            return new Read(r.partition(), r.offset(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                    new String(r.value(), StandardCharsets.UTF_8), headers, r.timestamp());
        }
    }

    public Hubs(Properties clientProperties) {
        this.client = clientProperties;
    }

    public void create(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            // Geo-DR metadata replication may have created it in the partner already.
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw e;
        }
    }

    /** Sends lines in order to one partition, the record timestamp being the event time; returns offsets. */
    public List<Long> produce(String topic, int partition, List<Line> lines) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("enable.idempotence", "false");
        p.put("max.in.flight.requests.per.connection", "1");
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (Line l : lines) {
                sent.add(producer.send(new ProducerRecord<>(topic, partition, l.timestamp(), null,
                        l.json().getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            List<Long> offsets = new ArrayList<>();
            for (var f : sent) offsets.add(f.get().offset());
            return offsets;
        }
    }

    /**
     * Sends lines keyed by device, so the producer's partitioner spreads devices over every partition
     * (a device always to the same one), as production producers do; returns the partition of each line.
     * Every send is acknowledged before this returns.
     */
    public List<Integer> produceKeyed(String topic, List<Line> lines) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("enable.idempotence", "false");
        p.put("max.in.flight.requests.per.connection", "1");
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (Line l : lines) {
                byte[] key = l.deviceId() == null ? null : l.deviceId().getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(topic, key, l.json().getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            List<Integer> partitions = new ArrayList<>();
            for (var f : sent) partitions.add(f.get().partition());
            return partitions;
        }
    }

    /** Reads the whole topic repeatedly until {@code done} holds for what was read, or the timeout. */
    public List<Read> readUntil(String topic, Predicate<List<Read>> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Read> all = readAll(topic);
        while (!done.test(all) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            all = readAll(topic);
        }
        return all;
    }

    public List<Read> readAll(String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<Read> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (parts.isEmpty()) return out;
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) out.add(Read.of(r));
            }
        }
        return out;
    }

    /**
     * What a consumer that follows the README's output contract keeps: per key, the record of the
     * highest epoch, and the last one within an epoch. Reads of several hubs (each region's output)
     * may be concatenated; within a key's partition, offset order is emission order.
     */
    public static Map<String, JsonNode> consumerView(List<Read> reads) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Read r : reads) {
            JsonNode n = parse(r.value());
            JsonNode kept = out.get(r.key());
            if (kept == null || n.get("epoch").asLong() >= kept.get("epoch").asLong()) out.put(r.key(), n);
        }
        return out;
    }

    /** {@link #consumerView} rendered canonically, for comparison with {@link ExpectedAggregates}. */
    public static Map<String, String> consumerCanonical(List<Read> reads) {
        Map<String, String> out = new TreeMap<>();
        consumerView(reads).forEach((k, n) -> out.put(k, canonical(n)));
        return out;
    }

    /** The last value per key (a key always lands in one partition, so offset order is emission order). */
    public static Map<String, String> latestCanonical(List<Read> reads) {
        Map<String, String> out = new TreeMap<>();
        for (Read r : reads) out.put(r.key(), canonical(r.value()));
        return out;
    }

    /** Output records whose key and value both repeat an earlier record: at-least-once duplicates. */
    public static long duplicates(List<Read> reads) {
        return reads.size() - reads.stream().map(r -> r.key() + "\u0000" + canonical(r.value())).distinct().count();
    }

    public static String canonical(String value) {
        return canonical(parse(value));
    }

    static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException("unparseable output " + value, e);
        }
    }

    public static String canonical(JsonNode n) {
        try {
            StringBuilder b = new StringBuilder("count=" + n.get("count").asLong());
            Map<String, JsonNode> sorted = new TreeMap<>();
            n.get("metrics").fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            sorted.forEach((name, m) -> b.append(';').append(ExpectedAggregates.canonical(name, m.get("count").asLong(),
                    m.get("sum").asDouble(), m.get("min").asDouble(), m.get("max").asDouble(), m.get("avg").asDouble())));
            return b.toString();
        } catch (Exception e) {
            throw new IllegalStateException("unexpected output " + n, e);
        }
    }

    public static JsonNode json(String value) throws Exception {
        return JSON.readTree(value);
    }
}
