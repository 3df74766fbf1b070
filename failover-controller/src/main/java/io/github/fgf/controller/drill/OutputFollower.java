package io.github.fgf.controller.drill;

import io.github.fgf.testing.Hubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one region's output hub from its beginning, as it grows, the way a consumer of that namespace does: when the
 * region is lost, what it had read stays (the records the region emitted before it went), and it reads on once the
 * region is back. The drill audits what its followers of both regions read.
 */
public final class OutputFollower implements AutoCloseable {

    private final Properties client;
    private final String hub;
    private final boolean fromEnd;
    private final List<Hubs.Read> reads = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param fromEnd start at the hub's end (a shared hub's history is not the drill's), else at its beginning */
    public OutputFollower(String region, Properties client, String hub, boolean fromEnd) {
        this.client = client;
        this.hub = hub;
        this.fromEnd = fromEnd;
        this.thread = new Thread(this::loop, "drill-output-" + region);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Map<TopicPartition, Long> next = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::partition));
        while (running) {
            Properties p = new Properties();
            p.putAll(client);
            p.put("key.deserializer", ByteArrayDeserializer.class.getName());
            p.put("value.deserializer", ByteArrayDeserializer.class.getName());
            p.put("enable.auto.commit", "false");
            p.put("request.timeout.ms", "3000");
            p.put("default.api.timeout.ms", "3000");
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
                List<TopicPartition> parts = c.partitionsFor(hub, Duration.ofSeconds(3)).stream()
                        .map(i -> new TopicPartition(hub, i.partition())).toList();
                c.assign(parts);
                if (fromEnd && next.isEmpty()) c.endOffsets(parts).forEach(next::put);
                for (TopicPartition tp : parts) c.seek(tp, next.getOrDefault(tp, 0L));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                        synchronized (reads) {
                            reads.add(Hubs.Read.of(r));
                        }
                        next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    }
                }
            } catch (Exception e) {
                // The region is gone (or not there yet): keep what was read, try again in a moment.
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException x) {
                    return;
                }
            }
        }
    }

    /** Everything read so far, in the order read (within a partition, offset order). */
    public List<Hubs.Read> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
