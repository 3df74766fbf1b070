package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import java.util.Map;

/**
 * What a failback reads and writes on the hubs, keys {@code topic|partition}: copy A's stranded
 * events into B's hub, watch B's job commit them, write the release, count what went to the late
 * hub. Kafka in production ({@link KafkaFailbackHubs}); fakes in tests.
 */
public interface FailbackHubs {

    /** What a drain copied per partition, and what retention had deleted before it could. */
    record Drained(Map<PartitionKey, Long> copied, Map<PartitionKey, Long> lostToRetention) {}

    /** Copies every event of A's {@code hub} from {@code start} on into B's hub, marked stranded for {@code epoch}. */
    Drained drain(String hub, Map<PartitionKey, Long> start, long epoch) throws Exception;

    /** B's end offsets of a hub. */
    Map<PartitionKey, Long> endOffsets(String hub) throws Exception;

    /** What a consumer group has committed on B's hub. */
    Map<PartitionKey, Long> committedOffsets(String group, String hub) throws Exception;

    /** One release control record for {@code epoch} per partition of B's hub; the offsets just past them. */
    Map<PartitionKey, Long> writeRelease(String hub, long epoch) throws Exception;

    /** Records in B's late hub from {@code from} on that carry the stranded mark of {@code epoch}. */
    long countStranded(String lateHub, Map<PartitionKey, Long> from, long epoch) throws Exception;
}
