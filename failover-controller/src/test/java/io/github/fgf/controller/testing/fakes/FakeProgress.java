package io.github.fgf.controller.testing.fakes;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.observe.ConsumerProgress;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hub's end offsets and a group's committed offsets. The primary's job commits everything by the
 * second look; {@code producerNeverLeaves} keeps the hub growing, as a producer connected before
 * the alias moved does on Event Hubs.
 */
public final class FakeProgress implements ConsumerProgress {

    private final Map<PartitionKey, Long> end = new TreeMap<>(
            Map.of(PartitionKey.of("telemetry", 0), 100L, PartitionKey.of("telemetry", 1), 90L));
    private int looks;
    public volatile boolean producerNeverLeaves;
    /** Whether A's input hub refuses sends now: a producer that never leaves stops writing only then. */
    public volatile java.util.function.BooleanSupplier sendsDisabled = () -> false;
    public volatile boolean unreachable;
    /**
     * The job's commits never land: it looked its group coordinator up after the alias moved and reached the other
     * namespace. It reads on; only its sources' positions ({@link #readByJob}) tell how far.
     */
    public volatile boolean commitsNeverLand;
    /** The namespace's Kafka cluster id; null: it reports none. */
    public volatile String clusterId = "cluster-of-the-namespace";

    @Override
    public java.util.Optional<String> clusterId() {
        if (unreachable) throw new IllegalStateException("namespace unreachable (failure switch)");
        return java.util.Optional.ofNullable(clusterId);
    }

    @Override
    public synchronized Map<PartitionKey, Long> endOffsets(String hub) {
        if (unreachable) throw new IllegalStateException("namespace unreachable (failure switch)");
        if (producerNeverLeaves && !sendsDisabled.getAsBoolean()) end.replaceAll((k, v) -> v + 1);
        looks++;
        return new TreeMap<>(end);
    }

    @Override
    public synchronized Map<PartitionKey, Long> committedOffsets(String group, String hub) {
        return looks >= 1 && !commitsNeverLand ? new TreeMap<>(end) : Map.of();
    }

    /** Per partition, the first offset at or after a time (-1: no record that new); empty: the namespace cannot say. */
    public volatile Map<PartitionKey, Long> offsetsAt = Map.of();

    @Override
    public Map<PartitionKey, Long> offsetsAt(String hub, java.time.Instant at) {
        return offsetsAt;
    }

    /** A job's source that has read all the hub holds now (the secondary's job keeping up). */
    public synchronized Map<io.github.fgf.flinkclient.KafkaPartition, Long> readAll() {
        Map<io.github.fgf.flinkclient.KafkaPartition, Long> out = new TreeMap<>();
        end.forEach((k, v) -> out.put(new io.github.fgf.flinkclient.KafkaPartition(k.hub(), k.partition()), v));
        return out;
    }

    /** What the primary's job has read: everything the hub held at the last look, as the job keeps up. */
    public synchronized Map<io.github.fgf.flinkclient.KafkaPartition, Long> readByJob() {
        Map<io.github.fgf.flinkclient.KafkaPartition, Long> out = new TreeMap<>();
        if (looks >= 1) end.forEach((k, v) -> out.put(new io.github.fgf.flinkclient.KafkaPartition(k.hub(), k.partition()), v));
        return out;
    }
}
