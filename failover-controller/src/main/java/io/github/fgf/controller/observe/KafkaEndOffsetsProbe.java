package io.github.fgf.controller.observe;

import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** End offsets through the Kafka endpoint of one namespace (local environment). */
public final class KafkaEndOffsetsProbe implements EndOffsetsProbe {

    private final Properties client;

    public KafkaEndOffsetsProbe(String bootstrap, String connectionString) {
        this.client = KafkaBrokerLauncher.clientProperties(bootstrap, connectionString);
        client.put("key.deserializer", ByteArrayDeserializer.class.getName());
        client.put("value.deserializer", ByteArrayDeserializer.class.getName());
    }

    @Override
    public Map<String, Long> endOffsets(String hub) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(client)) {
            var parts = c.partitionsFor(hub, Duration.ofSeconds(5)).stream().map(i -> new TopicPartition(hub, i.partition())).toList();
            Map<String, Long> out = new TreeMap<>();
            c.endOffsets(parts, Duration.ofSeconds(5)).forEach((tp, o) -> out.put(tp.topic() + "|" + tp.partition(), o));
            return out;
        }
    }

    /** The consumer group's committed offsets on the hub (what a job commits on each checkpoint). */
    public Map<String, Long> committedOffsets(String group, String hub) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(client)) {
            Map<String, Long> out = new TreeMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
                if (tp.topic().equals(hub) && o != null) out.put(tp.topic() + "|" + tp.partition(), o.offset());
            });
            return out;
        }
    }
}
