package io.github.fgf.controller.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a drill saw over time: once a second per region (each region on its own thread, so that a dead one does not
 * hold the other's samples back), how many events its input and output hubs hold and how many of the input its jobs
 * have committed; and markers for what happened (the loss, the detection, each failover step, the first output, the
 * failback). The chart and the RTO until caught up are drawn from it.
 */
public final class Timeline implements AutoCloseable {

    /** One region's hubs at one moment; a null total: the region did not answer. */
    public record Sample(Instant at, String region, Long in, Long out, Long committed) {}

    public record Marker(Instant at, String label) {}

    private final Clock clock;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public Timeline(Clock clock) {
        this.clock = clock;
    }

    /** Samples a region's hubs every second until {@link #close}. */
    public void sample(String region, Properties client, String inputHub, String outputHub) {
        Thread t = new Thread(() -> loop(region, client, inputHub, outputHub), "drill-timeline-" + region);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void loop(String region, Properties client, String in, String out) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("request.timeout.ms", "2000");
        p.put("default.api.timeout.ms", "2000");
        try (Admin admin = Admin.create(p)) {
            while (running) {
                long started = System.nanoTime();
                Instant at = clock.instant();
                Long inTotal = total(admin, in);
                Long outTotal = inTotal == null ? null : total(admin, out);
                Long committed = inTotal == null ? null : committed(admin, in);
                synchronized (samples) {
                    samples.add(new Sample(at, region, inTotal, outTotal, committed));
                }
                long sleep = 1000 - (System.nanoTime() - started) / 1_000_000;
                if (sleep > 0) Thread.sleep(sleep);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Long total(Admin admin, String hub) {
        try {
            var parts = admin.describeTopics(List.of(hub)).allTopicNames().get(2, TimeUnit.SECONDS).get(hub).partitions();
            Map<TopicPartition, OffsetSpec> q = new java.util.HashMap<>();
            parts.forEach(i -> q.put(new TopicPartition(hub, i.partition()), OffsetSpec.latest()));
            long sum = 0;
            for (var e : admin.listOffsets(q).all().get(2, TimeUnit.SECONDS).values()) sum += e.offset();
            return sum;
        } catch (Exception e) {
            return null;
        }
    }

    /** The most any consumer group of the region committed on the hub (the running job's group). */
    private static Long committed(Admin admin, String hub) {
        try {
            long best = 0;
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(2, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> o = admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata()
                        .get(2, TimeUnit.SECONDS);
                long sum = o.entrySet().stream().filter(e -> e.getKey().topic().equals(hub) && e.getValue() != null)
                        .mapToLong(e -> e.getValue().offset()).sum();
                best = Math.max(best, sum);
            }
            return best;
        } catch (Exception e) {
            return null;
        }
    }

    public void mark(Instant at, String label) {
        synchronized (markers) {
            markers.add(new Marker(at, label));
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return samples.stream().sorted(java.util.Comparator.comparing(Sample::at)).toList();
        }
    }

    public List<Marker> markers() {
        synchronized (markers) {
            return markers.stream().sorted(java.util.Comparator.comparing(Marker::at)).toList();
        }
    }

    /** The region's latest sample that answered. */
    public Optional<Sample> latest(String region) {
        List<Sample> s = samples();
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.get(i).region().equals(region) && s.get(i).in() != null) return Optional.of(s.get(i));
        }
        return Optional.empty();
    }

    /**
     * The first moment after {@code from} at which the region's job had committed every event its input hub held
     * {@code slack} earlier: the output has caught up with the input (within the slack, a checkpoint interval or so).
     */
    public Optional<Instant> caughtUp(String region, Instant from, Duration slack) {
        return caughtUp(samples(), region, from, slack);
    }

    /** {@link #caughtUp(String, Instant, Duration)} over the given samples (in time order). */
    static Optional<Instant> caughtUp(List<Sample> samples, String region, Instant from, Duration slack) {
        List<Sample> mine = samples.stream().filter(s -> s.region().equals(region) && s.in() != null && s.committed() != null).toList();
        for (Sample s : mine) {
            if (!s.at().isAfter(from)) continue;
            Instant earlier = s.at().minus(slack);
            Optional<Sample> then = mine.stream().filter(x -> !x.at().isAfter(earlier) && !x.at().isBefore(from)).reduce((a, b) -> b);
            if (then.isPresent() && s.committed() >= then.get().in()) return Optional.of(s.at());
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(5000);
    }
}
