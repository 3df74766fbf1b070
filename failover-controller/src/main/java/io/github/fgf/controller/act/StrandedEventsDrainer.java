package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.job.state.ControlRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies the events the old primary still holds beyond the restore point (its stranded events)
 * into the new primary's hub, same partition, key and value, each marked with the
 * {@code fgf-stranded} header naming the failover epoch: the job counts a marked event in its own
 * event-time window whatever the late policy. Their enqueue times are not kept (Event Hubs stamps
 * its own); the job never needed them. A copy repeated after a crash counts nothing twice: the job
 * remembers every event id a held window counted.
 */
public final class StrandedEventsDrainer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StrandedEventsDrainer.class);
    private final Properties from;
    private final Properties to;
    private final Map<PartitionKey, Long> lostToRetention = new TreeMap<>();

    /** @param from the old primary's Kafka endpoint, @param to the new primary's */
    public StrandedEventsDrainer(Properties from, Properties to) {
        this.from = from;
        this.to = to;
    }

    /** Per {@code hub|partition}: stranded events retention had deleted before the last drain. */
    public Map<PartitionKey, Long> lostToRetention() {
        return Map.copyOf(lostToRetention);
    }

    /** Copies [start, end) of each partition; {@code start} keys are {@code hub|partition}. Returns per-partition counts. */
    public Map<PartitionKey, Long> drain(String hub, Map<PartitionKey, Long> start, long epoch) throws Exception {
        byte[] marker = String.valueOf(epoch).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Properties c = new Properties();
        c.putAll(from);
        c.put("key.deserializer", ByteArrayDeserializer.class.getName());
        c.put("value.deserializer", ByteArrayDeserializer.class.getName());
        c.put("enable.auto.commit", "false");
        // A position out of range must fail, not jump silently (the checks above start within range).
        c.put("auto.offset.reset", "none");
        Properties p = new Properties();
        p.putAll(to);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        Map<PartitionKey, Long> copied = new TreeMap<>();
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c); KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(hub, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(hub, i.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Map<TopicPartition, Long> first = consumer.beginningOffsets(parts);
            consumer.assign(parts);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition tp : parts) {
                long s = start.getOrDefault(PartitionKey.of(hub, tp.partition()), 0L);
                if (s < first.get(tp)) {
                    // Retention deleted part of what was stranded: never skip it silently.
                    long lost = Math.min(first.get(tp), end.get(tp)) - s;
                    lostToRetention.put(PartitionKey.of(hub, tp.partition()), lost);
                    LOG.warn("{} stranded events of {}-{} (offsets {} to {}) were deleted by retention before failback; they are lost",
                            lost, hub, tp.partition(), s, first.get(tp) - 1);
                    s = first.get(tp);
                }
                if (s < end.get(tp)) {
                    consumer.seek(tp, s);
                    pending.add(tp);
                }
                copied.put(PartitionKey.of(hub, tp.partition()), 0L);
            }
            consumer.assign(pending);
            while (pending.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) continue;
                    ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(hub, r.partition(), null, r.key(), r.value());
                    copy.headers().add(ControlRecords.STRANDED_HEADER, marker);
                    sent.add(producer.send(copy));
                    copied.merge(PartitionKey.of(hub, r.partition()), 1L, Long::sum);
                }
            }
            producer.flush();
            for (var f : sent) f.get(); // a copy the new primary refused must fail the drain, not vanish
        }
        return copied;
    }
}
