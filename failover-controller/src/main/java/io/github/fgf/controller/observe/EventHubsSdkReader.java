package io.github.fgf.controller.observe;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.credential.TokenCredential;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubConsumerClient;
import com.azure.messaging.eventhubs.PartitionProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads hub and partition runtime properties with azure-messaging-eventhubs. One consumer client
 * per hub, kept for the life of the probe: an AMQP connection costs a TLS and CBS handshake, too
 * much to repeat every few seconds.
 */
final class EventHubsSdkReader implements EventHubsEndOffsetsProbe.HubReader {

    private final String fullyQualifiedNamespace;
    private final String connectionString;
    private final TokenCredential credential;
    private final AmqpRetryOptions retry;
    private final Map<String, EventHubConsumerClient> clients = new ConcurrentHashMap<>();

    EventHubsSdkReader(String fullyQualifiedNamespace, String connectionString, TokenCredential credential, Duration tryTimeout) {
        if (connectionString == null && credential == null) {
            throw new IllegalArgumentException("Event Hubs probe of " + fullyQualifiedNamespace
                    + ": needs the namespace's connection string or a credential");
        }
        this.fullyQualifiedNamespace = fullyQualifiedNamespace;
        this.connectionString = connectionString;
        this.credential = credential;
        // one quick try: the detector, not the client, decides how many failures make a loss
        this.retry = new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(0).setTryTimeout(tryTimeout);
    }

    @Override
    public List<String> partitionIds(String hub) {
        return client(hub).getPartitionIds().stream().toList();
    }

    @Override
    public EventHubsEndOffsetsProbe.PartitionState partition(String hub, String partitionId) {
        PartitionProperties p = client(hub).getPartitionProperties(partitionId);
        return new EventHubsEndOffsetsProbe.PartitionState(p.getId(), p.getLastEnqueuedSequenceNumber(), p.getLastEnqueuedTime(),
                p.isEmpty());
    }

    private EventHubConsumerClient client(String hub) {
        return clients.computeIfAbsent(hub, h -> {
            EventHubClientBuilder b = new EventHubClientBuilder().retryOptions(retry)
                    .consumerGroup(EventHubClientBuilder.DEFAULT_CONSUMER_GROUP_NAME);
            if (connectionString != null) {
                b.connectionString(connectionString, h);
            } else {
                b.credential(fullyQualifiedNamespace, h, credential);
            }
            return b.buildConsumerClient();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(EventHubConsumerClient::close);
        clients.clear();
    }
}
