package io.github.fgf.controller.observe;

import com.azure.core.credential.TokenCredential;
import io.github.fgf.controller.config.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Partition ends through the Event Hubs client (azure-messaging-eventhubs): the runtime
 * properties of each partition, read over AMQP from the namespace itself, not through the alias,
 * so the probe says which region is alive.
 */
public final class EventHubsEndOffsetsProbe implements EndOffsetsProbe {

    /** A dead namespace must fail the probe within one round; the SDK's default try timeout is a minute. */
    public static final Duration DEFAULT_TRY_TIMEOUT = Duration.ofSeconds(5);

    /** What the probe reads of a hub: the SDK's runtime properties in Azure, a fake with failure switches in tests. */
    public interface HubReader extends AutoCloseable {
        List<String> partitionIds(String hub);

        PartitionState partition(String hub, String partitionId);

        @Override
        void close();
    }

    /** One partition's runtime properties, as Event Hubs reports them. */
    public record PartitionState(String id, long lastEnqueuedSequenceNumber, Instant lastEnqueuedTime, boolean empty) {}

    private final HubReader reader;

    public EventHubsEndOffsetsProbe(HubReader reader) {
        this.reader = reader;
    }

    /** The SDK reader for a region: its connection string if it has one, else the topology's credential. */
    public static EventHubsEndOffsetsProbe forRegion(Topology.Region region, TokenCredential credential) {
        return new EventHubsEndOffsetsProbe(new EventHubsSdkReader(region.fullyQualifiedNamespace(),
                region.eventHubsConnectionString(), credential, DEFAULT_TRY_TIMEOUT));
    }

    @Override
    public Map<PartitionKey, PartitionEnd> partitionEnds(String hub) {
        Map<PartitionKey, PartitionEnd> out = new TreeMap<>();
        for (String id : reader.partitionIds(hub)) {
            PartitionState p = reader.partition(hub, id);
            // an empty partition still reports the last sequence number it ever held (-1 if none), so +1 stays the next offset
            // Event Hubs names partitions "0".."n-1": the Kafka endpoint serves them as those partition numbers.
            out.put(PartitionKey.of(hub, Integer.parseInt(p.id())), new PartitionEnd(p.lastEnqueuedSequenceNumber() + 1, p.empty() ? null : p.lastEnqueuedTime()));
        }
        return out;
    }

    @Override
    public void close() {
        reader.close();
    }
}
