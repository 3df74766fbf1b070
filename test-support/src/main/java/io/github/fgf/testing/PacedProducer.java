package io.github.fgf.testing;

import io.github.fgf.testing.Events.Line;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer as production runs one: the same devices throughout, keyed by device over every
 * partition, event time now, through the alias; it retries for minutes and bootstraps again when
 * its brokers vanish, so it follows a failover. It records every event the hub acknowledged;
 * those, and only those, are what the output must account for.
 */
public final class PacedProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String prefix;
    private final String devicePrefix;
    private final int devices;
    private final long intervalMillis;
    private final List<Line> acknowledged = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private final Thread thread;
    private int sent;
    private final java.util.concurrent.atomic.AtomicLong failedSends = new java.util.concurrent.atomic.AtomicLong();

    /** Starts sending: one event per device ({@code d-0}, {@code d-1}, ...) every {@code intervalMillis}. */
    public PacedProducer(Properties client, String topic, String prefix, int devices, long intervalMillis) {
        this(client, topic, prefix, "d-", devices, intervalMillis);
    }

    /** Starts sending: one event per device ({@code <devicePrefix>0}, ...) every {@code intervalMillis}. */
    public PacedProducer(Properties client, String topic, String prefix, String devicePrefix, int devices, long intervalMillis) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("metadata.recovery.strategy", "rebootstrap");
        p.put("delivery.timeout.ms", "300000");
        p.put("request.timeout.ms", "10000");
        p.put("max.block.ms", "300000");
        p.put("retry.backoff.ms", "200");
        p.put("retry.backoff.max.ms", "2000");
        p.put("reconnect.backoff.max.ms", "2000");
        p.put("linger.ms", "20");
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
        this.prefix = prefix;
        this.devicePrefix = devicePrefix;
        this.devices = devices;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "paced-producer-" + prefix);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Random rnd = new Random(prefix.hashCode());
        try {
            while (running.get()) {
                long round = System.currentTimeMillis();
                for (int d = 0; d < devices; d++) {
                    Map<String, Double> m = new TreeMap<>();
                    m.put("temperature", 15 + rnd.nextInt(80) * 0.25);
                    if (rnd.nextInt(4) != 0) m.put("humidity", 30 + rnd.nextInt(40) * 0.5);
                    send(Events.event(prefix + "-d" + d + ":" + sent++, devicePrefix + d, System.currentTimeMillis(), m));
                }
                long sleep = round + intervalMillis - System.currentTimeMillis();
                if (sleep > 0) Thread.sleep(sleep);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.set(e);
        }
    }

    /** Sends one more event (a retry, say) on the same producer; recorded once acknowledged. */
    public void send(Line l) {
        producer.send(new ProducerRecord<>(topic, l.deviceId().getBytes(StandardCharsets.UTF_8), l.json().getBytes(StandardCharsets.UTF_8)),
                (meta, e) -> {
                    if (e == null) {
                        synchronized (acknowledged) {
                            acknowledged.add(l);
                        }
                    } else {
                        failedSends.incrementAndGet();
                    }
                });
    }

    /** Sends that failed for good (delivery timeout): not acknowledged, so the output need not count them. */
    public long failedSends() {
        return failedSends.get();
    }

    /** How many events were acknowledged so far. */
    public int acknowledgedCount() {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    /** Every event acknowledged so far. */
    public List<Line> acknowledged() {
        synchronized (acknowledged) {
            return new ArrayList<>(acknowledged);
        }
    }

    /** Stops sending, waits for every outstanding send to be acknowledged or to fail, and returns the acknowledged events. */
    public List<Line> stop() throws Exception {
        running.set(false);
        thread.join(60_000);
        producer.flush();
        if (failed.get() != null) throw failed.get();
        return acknowledged();
    }

    @Override
    public void close() {
        running.set(false);
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
