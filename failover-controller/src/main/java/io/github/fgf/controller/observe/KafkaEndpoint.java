package io.github.fgf.controller.observe;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.util.Properties;

/** Kafka client settings for a region's namespace: SASL PLAIN with its connection string, over TLS in Azure. */
public final class KafkaEndpoint {

    private KafkaEndpoint() {}

    /** @param purpose what needs the Kafka endpoint, named in the error when the region has no connection string */
    public static Properties clientProperties(Topology.Region region, String purpose) {
        Properties p = KafkaBrokerLauncher.clientProperties(region.kafkaBootstrap(), region.kafkaConnectionString(purpose));
        // Event Hubs' Kafka endpoint (port 9093) only speaks TLS; the local brokers (a configured bootstrap) speak plaintext
        if (region.eventHubsBootstrap() == null) p.setProperty("security.protocol", "SASL_SSL");
        return p;
    }
}
