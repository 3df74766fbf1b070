package io.github.fgf.controller.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drill of a real deployment: its job must already run in the primary, and its devices are the drill's own. */
class DeployedDrillEnvironmentTest {

    private HttpServer flink;
    private volatile String jobs = "{\"jobs\":[]}";

    @AfterEach
    void stop() {
        if (flink != null) flink.stop(0);
    }

    private Path topology(Path dir) throws Exception {
        flink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        flink.createContext("/jobs/overview", ex -> {
            byte[] b = jobs.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        flink.start();
        String url = "http://127.0.0.1:" + flink.getAddress().getPort();
        Path f = dir.resolve("topology.json");
        Files.writeString(f, "{" + region("primary", "a", url) + "," + region("secondary", "b", "http://127.0.0.1:1") + ","
                + "\"alias\":{\"type\":\"local\",\"name\":\"al\",\"controlUrl\":\"http://127.0.0.1:1\",\"connectionString\":"
                + "\"Endpoint=sb://al.servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=k\",\"bootstrap\":\"127.0.0.1:2\"},"
                + "\"job\":{\"jar\":\"job.jar\",\"entryClass\":\"io.github.fgf.job.TelemetryJob\",\"args\":[\"--hubs.input\",\"in-hub\"]}}");
        return f;
    }

    private static String region(String name, String account, String flinkUrl) {
        return "\"" + name + "\":{\"name\":\"" + name + "\",\"namespace\":\"ns-" + name + "\",\"eventHubsConnectionString\":"
                + "\"Endpoint=sb://ns-" + name + ".servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=k\","
                + "\"eventHubsBootstrap\":\"127.0.0.1:3\",\"flinkRestUrl\":\"" + flinkUrl + "\",\"storage\":{"
                + "\"checkpoints\":\"wasb://" + account + "@acct/checkpoints\",\"savepoints\":\"wasb://" + account + "@acct/savepoints\","
                + "\"secondarySavepoints\":\"wasb://" + account + "-secondary@acct/savepoints\",\"lastSyncTimeFrom\":\"local:/dev/null\"}}";
    }

    private static DrillOptions options(Path dir) {
        return new DrillOptions(false, Optional.empty(), true, 10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(15), dir, new DrillOptions.Targets(Duration.ofSeconds(90), Duration.ofSeconds(120), Duration.ofSeconds(30)), 1);
    }

    @Test
    void withoutAJobInThePrimaryItSaysSoInOneLine(@TempDir Path dir) throws Exception {
        DeployedDrillEnvironment env = new DeployedDrillEnvironment(topology(dir));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.prepare("r1", dir.resolve("r1"), options(dir)));
        assertTrue(e.getMessage().startsWith("no job runs in primary"), e.getMessage());
        assertFalse(e.getMessage().contains("SharedAccessKey"), e.getMessage());
    }

    @Test
    void itUsesTheTopologysHubsAndDevicesOfItsOwnAndCannotKill(@TempDir Path dir) throws Exception {
        DeployedDrillEnvironment env = new DeployedDrillEnvironment(topology(dir));
        jobs = "{\"jobs\":[{\"jid\":\"0123456789abcdef0123456789abcdef\",\"name\":\"fgf-telemetry\",\"state\":\"RUNNING\"}]}";
        DrillEnvironment.Prepared p = env.prepare("r1", dir.resolve("r1"), options(dir));
        assertEquals("in-hub", p.inputHub());
        assertEquals("telemetry-aggregates", p.outputHub(), "the job's default");
        assertEquals("drill-r1-d", p.devicePrefix());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p.topology())),
                "the copy holds connection strings");
        assertFalse(env.canKill());
    }
}
