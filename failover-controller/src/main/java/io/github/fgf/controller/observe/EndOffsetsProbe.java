package io.github.fgf.controller.observe;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of each partition of a hub: Event Hubs' last enqueued sequence number and time in
 * Azure, the Kafka end offset and newest timestamp locally. Keys are {@code topic|partition}.
 * The end offset is the next position to be written (Kafka's convention), which in Event Hubs is
 * the last enqueued sequence number + 1, because the Kafka endpoint's offsets are sequence numbers.
 */
public interface EndOffsetsProbe extends AutoCloseable {

    /** One partition's end; {@code lastEnqueuedTime} is null for a partition that holds no events. */
    record PartitionEnd(long endOffset, Instant lastEnqueuedTime) {}

    Map<PartitionKey, PartitionEnd> partitionEnds(String hub) throws Exception;

    /** Only the end offsets, as the restore point's offsets are compared with them. */
    static Map<PartitionKey, Long> offsets(Map<PartitionKey, PartitionEnd> ends) {
        Map<PartitionKey, Long> out = new TreeMap<>();
        ends.forEach((k, v) -> out.put(k, v.endOffset()));
        return out;
    }

    /** The newest enqueue time over all partitions, or null when the hub is empty. */
    static Instant newest(Map<PartitionKey, PartitionEnd> ends) {
        return ends.values().stream().map(PartitionEnd::lastEnqueuedTime).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
    }

    default Map<PartitionKey, Long> endOffsets(String hub) throws Exception {
        return offsets(partitionEnds(hub));
    }

    @Override
    default void close() {}
}
