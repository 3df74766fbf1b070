package io.github.fgf.controller.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaEndpointTest {

    static final Topology.Storage STORAGE = new Topology.Storage("c", "s", "g", "local:x");
    static final String CS = "Endpoint=sb://ns-a.servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=K";

    @Test
    void azureNamespacesAreReachedOverTlsOnPort9093() {
        Topology.Region azure = new Topology.Region("primary", "westeurope", "ns-a", CS, null, null, Topology.HubProbe.KAFKA,
                "https://flink", STORAGE);
        Properties p = KafkaEndpoint.clientProperties(azure, "test");
        assertEquals("ns-a.servicebus.windows.net:9093", p.getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertEquals("PLAIN", p.getProperty("sasl.mechanism"));
    }

    @Test
    void theLocalBrokersSpeakPlaintextAndARegionWithoutAConnectionStringIsNamed() {
        Topology.Region local = new Topology.Region("primary", "primary", "ns-primary", CS, null, "127.0.0.1:9092",
                Topology.HubProbe.KAFKA, "http://flink", STORAGE);
        assertEquals("SASL_PLAINTEXT", KafkaEndpoint.clientProperties(local, "test").getProperty("security.protocol"));
        Topology.Region noSas = new Topology.Region("secondary", "northeurope", "ns-b", null, null, null, Topology.HubProbe.EVENTHUBS,
                "https://flink", STORAGE);
        assertEquals("topology 'secondary.eventHubsConnectionString': missing; the failback drain goes through the Kafka "
                + "endpoint, which needs the namespace's connection string",
                assertThrows(TopologyException.class, () -> KafkaEndpoint.clientProperties(noSas, "the failback drain")).getMessage());
    }
}
