package io.github.fgf.controller.observe;

import java.util.Map;

/**
 * One region's namespace as a consumer sees it: a hub's end offsets and what a consumer group has committed on it
 * (what a planned failover's drain compares), and the namespace's Kafka cluster id (what the new job's fence expects).
 * Kafka's admin API in production; fakes in tests.
 */
public interface ConsumerProgress {

    /** The namespace's Kafka cluster id, reached directly (not through the alias); empty when it does not say. */
    java.util.Optional<String> clusterId() throws Exception;

    Map<PartitionKey, Long> endOffsets(String hub) throws Exception;

    Map<PartitionKey, Long> committedOffsets(String group, String hub) throws Exception;

    /**
     * Per partition, the first offset whose record is at or after {@code at} (a job started from that timestamp reads
     * from there), or -1 where no record is; empty when the namespace cannot say.
     */
    default Map<PartitionKey, Long> offsetsAt(String hub, java.time.Instant at) throws Exception {
        return Map.of();
    }
}
