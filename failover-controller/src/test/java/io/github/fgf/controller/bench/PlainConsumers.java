package io.github.fgf.controller.bench;

import io.github.fgf.job.model.MetricStats;
import io.github.fgf.job.model.TelemetryEvent;
import io.github.fgf.job.pipeline.EventParser;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceilings the job is compared with, each one thread on one Kafka consumer over every partition
 * of the pre-loaded hub: raw (bytes only), and the job's work without Flink (parse with the job's
 * own parser, dedup by event id in a hash set, aggregate per device and one-minute window).
 * Records per second are measured from 10 % to 90 % of the input, as for the job.
 */
final class PlainConsumers {

    private PlainConsumers() {}

    record Rate(double recordsPerSecond, long records, long windows) {}

    static Rate run(Properties client, String topic, int partitions, long total, boolean aggregate) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        Set<String> seen = new HashSet<>();
        Map<String, Map<String, MetricStats>> windows = new HashMap<>();
        long n = 0;
        long t10 = 0;
        long t90 = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new java.util.ArrayList<>();
            for (int i = 0; i < partitions; i++) parts.add(new TopicPartition(topic, i));
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (n < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    n++;
                    if (n == total / 10) t10 = System.nanoTime();
                    if (n == total * 9 / 10) t90 = System.nanoTime();
                    if (!aggregate) {
                        bytes += r.value().length;
                        continue;
                    }
                    EventParser.Result parsed = EventParser.parse(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
                    TelemetryEvent e = parsed.event();
                    if (e == null || !seen.add(e.eventId)) continue;
                    String key = e.deviceId + "|" + (e.timestamp - Math.floorMod(e.timestamp, 60_000L));
                    Map<String, MetricStats> w = windows.computeIfAbsent(key, k -> new HashMap<>());
                    e.metrics.forEach((m, v) -> w.computeIfAbsent(m, k -> new MetricStats()).add(v));
                }
            }
        }
        if (t90 == 0) throw new IllegalStateException("read " + n + " of " + total + " records in 10 minutes");
        double rate = (total * 8 / 10) / ((t90 - t10) / 1e9);
        return new Rate(rate, n, aggregate ? windows.size() : bytes);
    }
}
