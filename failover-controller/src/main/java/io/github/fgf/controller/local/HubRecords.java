package io.github.fgf.controller.local;

import io.github.fgf.controller.observe.KafkaEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Every record of a hub on one local broker, by partition and offset (its value as text), read without a group. */
final class HubRecords {

    private HubRecords() {}

    static Map<Integer, Map<Long, String>> read(LocalEnvironment.Kafka kafka, String hub) {
        Properties p = KafkaEndpoint.clientProperties(kafka.bootstrap(), kafka.connectionString(), false);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<Integer, Map<Long, String>> out = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(hub, Duration.ofSeconds(10)).stream().map(i -> new TopicPartition(hub, i.partition())).toList();
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(10));
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), x -> new TreeMap<>()).put(r.offset(), new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
