package io.github.fgf.localregions.testing;

import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends keyed records (16 devices, so every partition of a 4-partition hub) at a steady rate on a thread of its own,
 * through whatever bootstrap it is given, and keeps what the broker acknowledged, with where it landed.
 */
public final class AckedProducer implements AutoCloseable {

    /** An acknowledged send: where the broker put it and when it said so. */
    public record Ack(int partition, long offset, String key, String value, Instant at) {}

    private final List<Ack> acked = new CopyOnWriteArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    public AckedProducer(String bootstrap, String connectionString, String topic, String prefix, int perSecond) {
        Properties p = KafkaBrokerLauncher.clientProperties(bootstrap, connectionString);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Not idempotent: after a promotion the same host name leads to another cluster, which never saw this producer's id.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        thread = new Thread(() -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (int seq = 0; running; seq++) {
                    String key = "dev-" + (seq % 16);
                    String value = prefix + "-" + seq;
                    producer.send(new ProducerRecord<>(topic, key, value), (md, e) -> {
                        if (e == null) acked.add(new Ack(md.partition(), md.offset(), key, value, Instant.now()));
                        else failed.incrementAndGet();
                    });
                    Thread.sleep(1000L / perSecond);
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "acked-producer");
        thread.setDaemon(true);
        thread.start();
    }

    public List<Ack> acked() {
        return List.copyOf(acked);
    }

    public int failed() {
        return failed.get();
    }

    /** Stops sending and waits for what is in flight. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(60_000);
    }
}
