package io.github.fgf.controller.observe;

import io.github.fgf.controller.config.Topology;
import java.util.Properties;

/** Kafka client settings for a region's namespace: SASL PLAIN with its connection string, over TLS in Azure. */
public final class KafkaEndpoint {

    /** Event Hubs' Kafka endpoint takes the literal user name {@code $ConnectionString} and the string as password. */
    static final String USERNAME = "$ConnectionString";

    private KafkaEndpoint() {}

    /** @param purpose what needs the Kafka endpoint, named in the error when the region has no connection string */
    public static Properties clientProperties(Topology.Region region, String purpose) {
        // Event Hubs' Kafka endpoint (port 9093) only speaks TLS; the local brokers (a configured bootstrap) speak plaintext.
        return clientProperties(region.kafkaBootstrap(), region.kafkaConnectionString(purpose), region.eventHubsBootstrap() == null);
    }

    public static Properties clientProperties(String bootstrap, String connectionString, boolean tls) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + USERNAME + "\" password=\"" + connectionString.replace("\"", "\\\"") + "\";");
        p.setProperty("request.timeout.ms", "5000");
        p.setProperty("default.api.timeout.ms", "10000");
        return p;
    }
}
