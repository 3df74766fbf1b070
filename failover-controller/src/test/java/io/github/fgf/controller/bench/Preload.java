package io.github.fgf.controller.bench;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Pre-loads N telemetry events, keyed by device over the hub's partitions, every id unique (so
 * the dedup state holds N keys), event times spread over {@code minutes} one-minute windows in the
 * past. As fast as one producer goes: the benchmark then reads them as a backlog.
 */
final class Preload {

    private Preload() {}

    static long load(Properties client, String topic, long events, int devices, int minutes) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        long start = (System.currentTimeMillis() / 60_000 - minutes - 10) * 60_000;
        long span = minutes * 60_000L;
        AtomicReference<Exception> failed = new AtomicReference<>();
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < events; i++) {
                String device = "b-" + (i % devices);
                long ts = start + (i * span) / events;
                String json = "{\"eventId\":\"" + device + ":" + i + "\",\"deviceId\":\"" + device + "\",\"timestamp\":" + ts
                        + ",\"temperature\":" + (15 + i % 20) + ".5,\"humidity\":" + (30 + i % 50) + ".25}";
                byte[] value = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, device.getBytes(java.nio.charset.StandardCharsets.UTF_8), value), (m, e) -> {
                    if (e != null) failed.compareAndSet(null, e);
                });
            }
            producer.flush();
        }
        if (failed.get() != null) throw failed.get();
        return bytes;
    }
}
