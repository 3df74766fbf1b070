package io.github.fgf.controller.observe;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.credential.TokenCredential;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubConsumerAsyncClient;
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
    private final Duration deadline;
    private final Map<String, EventHubConsumerAsyncClient> clients = new ConcurrentHashMap<>();

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
        // the try timeout does not bound reconnecting to a namespace that drops connections (seen: 50 s), so each
        // call also gets a hard deadline: a probe round must end within the round
        this.deadline = tryTimeout.plusSeconds(1);
    }

    @Override
    public List<String> partitionIds(String hub) {
        return fresh(hub, () -> client(hub).getPartitionIds().collectList().block(deadline));
    }

    @Override
    public EventHubsEndOffsetsProbe.PartitionState partition(String hub, String partitionId) {
        PartitionProperties p = fresh(hub, () -> client(hub).getPartitionProperties(partitionId).block(deadline));
        return new EventHubsEndOffsetsProbe.PartitionState(p.getId(), p.getLastEnqueuedSequenceNumber(), p.getLastEnqueuedTime(),
                p.isEmpty());
    }

    /**
     * Runs a call; on failure drops the hub's client so the next round connects anew. A client whose
     * connection died may not come back by itself (seen against a namespace that returned after a
     * drop), and a probe stuck on it would count failed rounds against a healthy region.
     */
    private <T> T fresh(String hub, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            EventHubConsumerAsyncClient broken = clients.remove(hub);
            if (broken != null) broken.close();
            throw e;
        }
    }

    private EventHubConsumerAsyncClient client(String hub) {
        return clients.computeIfAbsent(hub, h -> {
            EventHubClientBuilder b = new EventHubClientBuilder().retryOptions(retry)
                    .consumerGroup(EventHubClientBuilder.DEFAULT_CONSUMER_GROUP_NAME);
            if (connectionString != null) {
                b.connectionString(connectionString, h);
            } else {
                b.credential(fullyQualifiedNamespace, h, credential);
            }
            return b.buildAsyncConsumerClient();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(EventHubConsumerAsyncClient::close);
        clients.clear();
    }
}
