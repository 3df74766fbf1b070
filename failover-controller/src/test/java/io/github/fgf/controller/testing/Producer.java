package io.github.fgf.controller.testing;

import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends telemetry events through a bootstrap (a broker or the alias), each with a unique id. */
public final class Producer {

    private Producer() {}

    public static void createTopic(String bootstrap, String cs, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(KafkaBrokerLauncher.clientProperties(bootstrap, cs))) {
            admin.createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    public static void createTopicIfAbsent(String bootstrap, String cs, String topic, int partitions) throws Exception {
        try {
            createTopic(bootstrap, cs, topic, partitions);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw e;
        }
    }

    /** Sends {@code count} events with ids {@code <prefix>-<i>} from devices {@code <prefix>-0..4}, event time now. */
    public static void send(String bootstrap, String cs, String topic, String prefix, int count) throws Exception {
        Properties p = KafkaBrokerLauncher.clientProperties(bootstrap, cs);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                String json = "{\"eventId\":\"" + prefix + "-" + i + "\",\"deviceId\":\"" + prefix + "-" + (i % 5) + "\",\"timestamp\":\""
                        + Instant.now() + "\",\"temperature\":" + (i % 30) + "}";
                producer.send(new ProducerRecord<>(topic, prefix + "-" + (i % 5), json)).get();
            }
        }
    }
}
