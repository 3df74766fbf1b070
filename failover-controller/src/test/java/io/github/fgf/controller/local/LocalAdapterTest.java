package io.github.fgf.controller.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.geodr.GeoDrStatus;
import io.github.fgf.localregions.alias.PairingStatus;
import io.github.fgf.localregions.env.Environment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local adapter speaks local-regions' interfaces without its code: the tests write what
 * local-regions writes (its own records, serialized as it serializes them) and check that the
 * adapter reads it.
 */
class LocalAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAliasClientReadsThePairingTheAliasDaemonServes() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> calls = new ArrayList<>();
        PairingStatus[] state = {PairingStatus.paired("fgf-alias", "primary", "secondary", 0)};
        server.createContext("/", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            int status = 200;
            String body;
            switch (ex.getRequestURI().getPath()) {
                case "/pairing" -> body = JSON.writeValueAsString(state[0]);
                case "/failover" -> {
                    state[0] = state[0].failedOver();
                    body = JSON.writeValueAsString(state[0]);
                }
                default -> {
                    status = 409;
                    body = "{\"error\":\"not paired\"}";
                }
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            LocalGeoDrClient c = new LocalGeoDrClient("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertEquals(new GeoDrStatus("fgf-alias", "Primary", true, "Succeeded", "primary"), c.status());
            GeoDrStatus after = c.failover();
            assertFalse(after.paired());
            assertEquals("secondary", after.activeRegion());
            assertEquals("PrimaryNotReplicating", after.role());
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> c.pair("primary"));
            assertTrue(refused.getMessage().contains("not paired") && refused.getMessage().contains("409"), refused.getMessage());
            assertEquals(List.of("GET /pairing", "POST /failover", "POST /pair?partner=primary"), calls);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTopologyFromTheEnvironmentFilePassesValidationAndKeepsTheSecretOutOfTheArguments(@TempDir Path dir) throws Exception {
        Map<String, Environment.Region> regions = new LinkedHashMap<>();
        for (String r : List.of("primary", "secondary")) {
            regions.put(r, new Environment.Region(r, "ns-" + r, "up",
                    new Environment.Kafka("127.0.0.1:1" + r.length(), 1, 2, "Endpoint=sb://ns-" + r + ".servicebus.windows.net/;"
                            + "SharedAccessKeyName=k;SharedAccessKey=s3cr3t", "d", "c", null),
                    new Environment.Flink("http://127.0.0.1:80" + r.length(), 1, 2, "c", null, null),
                    new Environment.Storage("c-" + r, "wasb://c-" + r + "@devstoreaccount1/", "wasb://c-" + r + "@devstoreaccount1/checkpoints",
                            "wasb://c-" + r + "@devstoreaccount1/savepoints", "c-" + r + "-secondary",
                            "wasb://c-" + r + "-secondary@devstoreaccount1/", dir.resolve(r + "-lst.json").toString()), null));
        }
        Environment env = new Environment("e1", dir.toString(), "up", "now", 0, null,
                new Environment.Alias("fgf-alias", "127.0.0.1", "127.0.0.1:9", 9, "http://127.0.0.1:10", 10,
                        "Endpoint=sb://fgf-alias.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=alias-s3cr3t", null),
                regions);
        Path file = dir.resolve("environment.json");
        io.github.fgf.localregions.env.EnvironmentFile.write(file, env);

        ObjectNode t = LocalTopology.fromEnvironment(LocalEnvironment.read(file), dir.resolve("job.jar"));
        Path out = dir.resolve("topology.json");
        TopologyFile.write(out, t);
        Topology topology = TopologyFile.read(out);
        assertEquals("ns-secondary", topology.secondary().namespace());
        assertEquals("http://127.0.0.1:809", topology.secondary().flinkRestUrl());
        assertEquals("wasb://c-primary-secondary@devstoreaccount1/savepoints", topology.primary().storage().secondarySavepoints());
        assertEquals("alias-s3cr3t", Files.readString(Path.of(topology.job().connectionStringFile())).split("SharedAccessKey=")[1]);
        assertFalse(topology.job().args().toString().contains("s3cr3t"), topology.job().args().toString());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LocalEnvironment.read(dir.resolve("nowhere.json")));
        assertTrue(missing.getMessage().contains("nowhere.json"), missing.getMessage());
    }
}
