package io.github.fgf.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyFileTest {

    static String region(String name) {
        return "\"" + name + "\":{\"name\":\"" + name + "\",\"namespace\":\"ns-" + name + "\",\"eventHubsConnectionString\":"
                + "\"Endpoint=sb://ns-" + name + ".servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=K\","
                + "\"flinkRestUrl\":\"http://localhost:8081\",\"storage\":{\"checkpoints\":\"wasb://c@a/checkpoints\","
                + "\"savepoints\":\"wasb://c@a/savepoints\",\"secondarySavepoints\":\"wasb://c-grs@a/savepoints\","
                + "\"lastSyncTimeFrom\":\"local:/tmp/grs.json\"}}";
    }

    static String topology(String policy, String aliasType) {
        return "{" + region("primary") + "," + region("secondary") + ",\"alias\":{\"type\":\"" + aliasType + "\",\"name\":\"a\","
                + "\"controlUrl\":\"http://127.0.0.1:1\",\"connectionString\":\"Endpoint=sb://a/;SharedAccessKeyName=R;SharedAccessKey=K\","
                + "\"bootstrap\":\"127.0.0.1:2\"},\"job\":{\"jar\":\"job.jar\",\"entryClass\":\"Main\"}" + policy + "}";
    }

    @Test
    void everyPolicyDefault(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, topology("", "local"));
        Topology t = TopologyFile.read(f);
        assertEquals(Duration.ofMinutes(5), t.policy().maxRpo());
        assertEquals(Duration.ofSeconds(5), t.policy().probeInterval());
        assertEquals(3, t.policy().failureThreshold());
        assertEquals(Duration.ofMinutes(1), t.policy().savepointInterval());
        assertEquals(10, t.policy().savepointRetention());
        assertEquals(Duration.ofHours(1), t.policy().savepointMaxAge());
        assertEquals(Duration.ofSeconds(15), t.policy().detectionTime());
        assertEquals(io.github.fgf.controller.decide.LossRule.REGION, t.policy().lossRule());
        assertTrue(t.policy().isolationCheck());
        assertEquals(1, t.job().parallelism());
    }

    @Test
    void badFieldsAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, topology(",\"policy\":{\"maxRpo\":\"soon\"}", "local"));
        assertEquals("topology 'policy.maxRpo': expected a duration such as 30s, 5m, 1h or PT5M, got 'soon'",
                assertThrows(TopologyException.class, () -> TopologyFile.read(f)).getMessage());
        Files.writeString(f, topology(",\"policy\":{\"lossRule\":\"sometimes\"}", "local"));
        assertEquals("topology 'policy.lossRule': expected region, eventhubs or all, got 'sometimes'",
                assertThrows(TopologyException.class, () -> TopologyFile.read(f)).getMessage());
        Files.writeString(f, topology(",\"policy\":{\"lossRule\":\"eventhubs\",\"isolationCheck\":false}", "local"));
        assertEquals(io.github.fgf.controller.decide.LossRule.EVENTHUBS, TopologyFile.read(f).policy().lossRule());
        assertFalse(TopologyFile.read(f).policy().isolationCheck());
        Files.writeString(f, topology("", "dns"));
        assertEquals("topology 'alias.type': expected arm or local, got 'dns'",
                assertThrows(TopologyException.class, () -> TopologyFile.read(f)).getMessage());
        Files.writeString(f, topology("", "arm"));
        assertEquals("topology 'alias.resourceId': missing",
                assertThrows(TopologyException.class, () -> TopologyFile.read(f)).getMessage());
        Files.writeString(f, "{\"primary\":");
        assertThrows(TopologyException.class, () -> TopologyFile.read(f));
    }

    static final String NS_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns-";
    static final String ALIAS_ID = NS_ID + "secondary/disasterRecoveryConfigs/a";

    /** An Azure topology: namespaces by resource id and a credential, no connection strings, the ARM alias. */
    static String azure(String credential, boolean withIds) {
        StringBuilder s = new StringBuilder("{");
        for (String name : new String[] {"primary", "secondary"}) {
            s.append("\"").append(name).append("\":{\"name\":\"").append(name).append("\",\"namespace\":\"ns-").append(name)
                    .append("\",").append(withIds ? "\"eventHubsResourceId\":\"" + NS_ID + name + "\"," : "")
                    .append("\"flinkRestUrl\":\"https://flink-").append(name).append("\",\"storage\":{\"checkpoints\":\"c\",")
                    .append("\"savepoints\":\"s\",\"secondarySavepoints\":\"g\",\"lastSyncTimeFrom\":\"https://a-secondary\"}},");
        }
        s.append("\"alias\":{\"type\":\"arm\",\"name\":\"a\",\"resourceId\":\"").append(ALIAS_ID)
                .append("\",\"connectionString\":\"Endpoint=sb://a/;SharedAccessKeyName=R;SharedAccessKey=K\"},")
                .append("\"job\":{\"jar\":\"job.jar\",\"entryClass\":\"Main\"}");
        if (credential != null) s.append(",\"credential\":").append(credential);
        return s.append("}").toString();
    }

    static TopologyException refused(Path f, String json) throws Exception {
        Files.writeString(f, json);
        return assertThrows(TopologyException.class, () -> TopologyFile.read(f));
    }

    @Test
    void theGeoReplicationModeNamesTheNamespaceAndItsReplicasLocations(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        String cred = "{\"type\":\"default\"}";
        String geo = azure(cred, false).replace("\"resourceId\":\"" + ALIAS_ID + "\"", "\"mode\":\"geo-replication\",\"resourceId\":\""
                + NS_ID + "fgf\",\"primaryLocation\":\"westeurope\",\"secondaryLocation\":\"northeurope\",\"gracePeriod\":\"PT5M\"");
        Files.writeString(f, geo);
        Topology t = TopologyFile.read(f);
        assertTrue(t.alias().geoReplicated());
        assertEquals(new Topology.Alias.GeoReplication("westeurope", "northeurope", "2026-01-01", Duration.ofMinutes(5)),
                t.alias().geoReplication(), "no eventHubsResourceId needed: the namespace itself is promoted");

        assertEquals("topology 'alias.mode': expected geo-dr or geo-replication, got 'geo-rep'",
                refused(f, geo.replace("\"geo-replication\"", "\"geo-rep\"")).getMessage());
        assertEquals("topology 'alias.secondaryLocation': missing", refused(f, geo.replace("\"secondaryLocation\"", "\"x\"")).getMessage());
        assertTrue(refused(f, geo.replace(NS_ID + "fgf", ALIAS_ID)).getMessage().startsWith("topology 'alias.resourceId': expected "
                + "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.EventHub/namespaces/<namespace>"));

        Files.writeString(f, topology("", "local").replace("\"type\":\"local\"", "\"type\":\"local\",\"mode\":\"geo-replication\""));
        Topology local = TopologyFile.read(f);
        assertEquals(new Topology.Alias.GeoReplication("primary", "secondary", null, null), local.alias().geoReplication(),
                "locally the replicas are the regions");
        Files.writeString(f, topology("", "local"));
        assertFalse(TopologyFile.read(f).alias().geoReplicated(), "geo-dr unless said");
    }

    @Test
    void anAzureTopologyNeedsNoConnectionStringsWithACredential(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, azure("{\"type\":\"service-principal\",\"tenantId\":\"t\",\"clientId\":\"c\","
                + "\"clientSecretEnv\":\"FGF_SECRET\"}", true));
        Topology t = TopologyFile.read(f);
        assertEquals(new Topology.Credential("service-principal", "t", "c", "FGF_SECRET", null), t.credential());
        assertEquals(Topology.Alias.DEFAULT_ARM_ENDPOINT, t.alias().armEndpoint());
        assertEquals(Topology.HubProbe.EVENTHUBS, t.primary().hubProbe(), "no bootstrap: the Event Hubs client");
        assertEquals("ns-primary.servicebus.windows.net", t.primary().fullyQualifiedNamespace());
        assertEquals(NS_ID + "primary", t.alias().partnerOf(t.primary()), "ARM pairs by the namespace's resource id");
        assertEquals("topology 'primary.eventHubsConnectionString': missing; the failback drain goes through the Kafka endpoint, "
                + "which needs the namespace's connection string",
                assertThrows(TopologyException.class, () -> t.primary().kafkaConnectionString("the failback drain")).getMessage());

        Files.writeString(f, topology("", "local"));
        Topology local = TopologyFile.read(f);
        assertEquals(Topology.HubProbe.EVENTHUBS, local.primary().hubProbe());
        assertEquals("primary", local.alias().partnerOf(local.primary()), "the local alias pairs by region name");
    }

    @Test
    void credentialMistakesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        assertEquals("topology 'primary.eventHubsConnectionString': missing; give the namespace's connection string, or a "
                + "top-level credential with primary.eventHubsResourceId", refused(f, azure(null, true)).getMessage());
        assertEquals("topology 'primary.eventHubsResourceId': missing; alias.type arm pairs the alias again on failback by the "
                + "namespace's resource id", refused(f, azure("{\"type\":\"default\"}", false)).getMessage());
        assertEquals("topology 'credential.type': expected default or service-principal, got 'password'",
                refused(f, azure("{\"type\":\"password\"}", true)).getMessage());
        assertEquals("topology 'credential.clientSecretEnv': missing",
                refused(f, azure("{\"type\":\"service-principal\",\"tenantId\":\"t\",\"clientId\":\"c\"}", true)).getMessage());
        TopologyException secret = refused(f, azure("{\"type\":\"service-principal\",\"tenantId\":\"t\",\"clientId\":\"c\","
                + "\"clientSecret\":\"hunter2\",\"clientSecretEnv\":\"X\"}", true));
        assertEquals("topology 'credential.clientSecret': secrets do not belong in the topology file; put the secret in an "
                + "environment variable and name it in credential.clientSecretEnv", secret.getMessage());
        String noCredential = topology("", "arm").replace("\"controlUrl\"", "\"resourceId\":\"" + ALIAS_ID + "\",\"x\"");
        assertEquals("topology 'credential': missing; alias.type arm calls Azure Resource Manager, which needs an Azure AD "
                + "credential ({\"type\": \"default\"} or \"service-principal\")", refused(f, noCredential).getMessage());
        assertEquals("topology 'primary.hubProbe': expected eventhubs or kafka, got 'amqp'",
                refused(f, topology("", "local").replace("\"flinkRestUrl\"", "\"hubProbe\":\"amqp\",\"flinkRestUrl\"")).getMessage());
    }
}
