package io.github.fgf.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(1, t.job().parallelism());
    }

    @Test
    void badFieldsAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, topology(",\"policy\":{\"maxRpo\":\"soon\"}", "local"));
        assertEquals("topology 'policy.maxRpo': expected a duration such as 30s, 5m, 1h or PT5M, got 'soon'",
                assertThrows(TopologyException.class, () -> TopologyFile.read(f)).getMessage());
        Files.writeString(f, topology("", "dns"));
        assertEquals("topology 'alias.type': expected arm or local, got 'dns'",
                assertThrows(TopologyException.class, () -> TopologyFile.read(f)).getMessage());
        Files.writeString(f, topology("", "arm"));
        assertEquals("topology 'alias.resourceId': missing",
                assertThrows(TopologyException.class, () -> TopologyFile.read(f)).getMessage());
        Files.writeString(f, "{\"primary\":");
        assertThrows(TopologyException.class, () -> TopologyFile.read(f));
    }
}
