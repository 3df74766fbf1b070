package io.github.fgf.localregions.testing;

import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything a hub holds on one broker, partition by partition, read without a consumer group. */
public final class HubContents {

    /** One record as the broker holds it. */
    public record Rec(int partition, long offset, String key, String value, long timestamp) {}

    private HubContents() {}

    public static Map<Integer, List<Rec>> read(String bootstrap, String connectionString, String topic) {
        Properties p = KafkaBrokerLauncher.clientProperties(bootstrap, connectionString);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<Integer, List<Rec>> out = new TreeMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(10));
            c.assign(parts);
            c.seekToBeginning(parts);
            parts.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.get(r.partition()).add(new Rec(r.partition(), r.offset(), r.key(), r.value(), r.timestamp()));
                }
            }
        }
        return out;
    }

    /** Records per partition: the end offsets' sum. */
    public static long count(Map<Integer, List<Rec>> contents) {
        return contents.values().stream().mapToLong(List::size).sum();
    }
}
