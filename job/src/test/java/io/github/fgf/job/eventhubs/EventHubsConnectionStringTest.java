package io.github.fgf.job.eventhubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.job.config.JobConfigException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EventHubsConnectionStringTest {

    private static final String CS = "Endpoint=sb://ns-a.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=S3CR3T=;EntityPath=telemetry";

    @Test
    void cloudModeUsesSaslSslOn9093WithEventHubsClientSettings() {
        EventHubsConnectionString cs = EventHubsConnectionString.parse(CS, "");
        Properties p = cs.kafkaProperties();
        assertEquals("ns-a.servicebus.windows.net:9093", p.getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertEquals("PLAIN", p.getProperty("sasl.mechanism"));
        assertTrue(p.getProperty("sasl.jaas.config").contains("username=\"$ConnectionString\" password=\"" + CS + "\""));
        assertTrue(Long.parseLong(p.getProperty("metadata.max.age.ms")) < 240000);
        assertTrue(Long.parseLong(p.getProperty("connections.max.idle.ms")) < 240000);
        assertTrue(Long.parseLong(p.getProperty("max.request.size")) < 1046528);
        assertTrue(Long.parseLong(p.getProperty("request.timeout.ms")) >= 60000);
        assertEquals("ns-a", cs.namespace());
    }

    @Test
    void localModeUsesSaslPlaintextOnAnyPortAndSasIsAccepted() {
        EventHubsConnectionString cs = EventHubsConnectionString.parse(
                "Endpoint=sb://ns-b.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=x&sig=abc", "127.0.0.1:41000");
        assertEquals("127.0.0.1:41000", cs.kafkaProperties().getProperty("bootstrap.servers"));
        assertEquals("SASL_PLAINTEXT", cs.kafkaProperties().getProperty("security.protocol"));
    }

    @Test
    void invalidStringsAreRejectedWithoutTheSecret() {
        for (String bad : new String[] {"SharedAccessKey=S3CR3T=", "Endpoint=sb://h/;SharedAccessKey=S3CR3T=",
                "Endpoint=https://h/;SharedAccessKeyName=R;SharedAccessKey=S3CR3T=", "garbage S3CR3T="}) {
            JobConfigException e = assertThrows(JobConfigException.class, () -> EventHubsConnectionString.parse(bad, ""));
            assertFalse(e.getMessage().contains("S3CR3T"), e.getMessage());
            assertTrue(e.getMessage().startsWith("bad option 'eventhubs.connection-string': "), e.getMessage());
        }
        assertFalse(EventHubsConnectionString.parse(CS, "").toString().contains("S3CR3T"));
    }
}
