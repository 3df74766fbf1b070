package io.github.fgf.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.fgf.controller.testing.ControllerJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole credential path of an Azure topology, in a controller JVM of its own: azure-identity's
 * DefaultAzureCredential takes a token from a managed-identity endpoint (App Service's protocol:
 * IDENTITY_ENDPOINT and IDENTITY_HEADER, plain HTTP on loopback by design), and the ARM client
 * presents it to a local ARM server. Both servers are local; nothing is faked inside the controller.
 */
class ArmCredentialCliTest {

    static final String ALIAS_ID = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns-b"
            + "/disasterRecoveryConfigs/fgf-alias";
    static final String TOKEN = "msi-token-1";
    static final String IDENTITY_HEADER = "identity-header-secret";

    HttpServer identity;
    HttpServer arm;
    final List<String> identityRequests = new CopyOnWriteArrayList<>();
    final List<String> armAuthorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        identity = server(this::identity);
        arm = server(this::arm);
    }

    @AfterEach
    void stop() {
        identity.stop(0);
        arm.stop(0);
    }

    private void identity(HttpExchange ex) throws IOException {
        identityRequests.add(ex.getRequestURI().getQuery() + " header=" + ex.getRequestHeaders().getFirst("X-IDENTITY-HEADER"));
        if (!IDENTITY_HEADER.equals(ex.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
            reply(ex, 401, "{\"error\":\"missing identity header\"}");
            return;
        }
        String resource = ex.getRequestURI().getQuery().replaceAll(".*resource=([^&]*).*", "$1");
        reply(ex, 200, "{\"access_token\":\"" + TOKEN + "\",\"expires_on\":\"" + (Instant.now().getEpochSecond() + 3600)
                + "\",\"resource\":\"" + java.net.URLDecoder.decode(resource, StandardCharsets.UTF_8) + "\",\"token_type\":\"Bearer\"}");
    }

    private void arm(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        armAuthorizations.add(auth);
        if (!("Bearer " + TOKEN).equals(auth)) {
            reply(ex, 401, "{\"error\":{\"code\":\"AuthenticationFailed\"}}");
        } else if (ex.getRequestMethod().equals("GET") && ex.getRequestURI().getPath().equals(ALIAS_ID)
                && "api-version=2024-01-01".equals(ex.getRequestURI().getQuery())) {
            reply(ex, 200, "{\"name\":\"fgf-alias\",\"properties\":{\"provisioningState\":\"Succeeded\",\"partnerNamespace\":\"ns-a\","
                    + "\"role\":\"Secondary\"}}");
        } else {
            reply(ex, 404, "{\"error\":{\"code\":\"NotFound\"}}");
        }
    }

    @Test
    void defaultAzureCredentialFromAManagedIdentityEndpointReachesArm(@TempDir Path dir) throws Exception {
        Path topology = dir.resolve("topology.json");
        Files.writeString(topology, azureTopology(dir, "http://127.0.0.1:" + arm.getAddress().getPort()));
        ProcessBuilder pb = new ProcessBuilder(controller("status", "--json", "--topology", topology.toString(),
                "--state-dir", dir.resolve("state").toString()));
        pb.environment().keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("MSI_") || k.startsWith("IDENTITY_"));
        pb.environment().put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identity.getAddress().getPort() + "/msi/token");
        pb.environment().put("IDENTITY_HEADER", IDENTITY_HEADER);
        pb.redirectError(dir.resolve("stderr.log").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String err = Files.readString(dir.resolve("stderr.log"));

        assertEquals(1, exit, "the primary is unreachable, so status reports it unhealthy: " + out);
        JsonNode json = new ObjectMapper().readTree(out);
        assertEquals("fgf-alias", json.path("alias").path("alias").asText(), out);
        assertEquals("Secondary", json.path("alias").path("role").asText());
        assertTrue(json.path("alias").path("paired").asBoolean());
        assertEquals(1, identityRequests.size(), "one token, reused: " + identityRequests);
        assertTrue(identityRequests.get(0).contains("resource=http"), identityRequests.get(0));
        assertTrue(armAuthorizations.stream().allMatch(("Bearer " + TOKEN)::equals), armAuthorizations.toString());
        for (String text : List.of(out, err)) {
            assertFalse(text.contains(TOKEN) || text.contains(IDENTITY_HEADER), "no token or identity header in the output");
        }
    }

    /** Namespaces by resource id and a credential; the primary's Flink and hubs are unreachable, which status reports. */
    static String azureTopology(Path dir, String armEndpoint) {
        String ns = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/";
        StringBuilder s = new StringBuilder("{\"credential\":{\"type\":\"default\"},");
        for (String name : new String[] {"primary", "secondary"}) {
            String sp = dir.resolve(name).toUri().toString();
            s.append('"').append(name).append("\":{\"name\":\"").append(name).append("\",\"namespace\":\"ns-").append(name)
                    .append(".invalid\",\"eventHubsResourceId\":\"").append(ns).append("ns-").append(name).append("\",")
                    .append("\"flinkRestUrl\":\"http://127.0.0.1:1\",\"storage\":{\"checkpoints\":\"").append(sp).append("cp\",")
                    .append("\"savepoints\":\"").append(sp).append("sp\",\"secondarySavepoints\":\"").append(sp).append("grs\",")
                    .append("\"lastSyncTimeFrom\":\"local:").append(dir.resolve("grs.json")).append("\"}},");
        }
        return s.append("\"alias\":{\"type\":\"arm\",\"name\":\"fgf-alias\",\"resourceId\":\"").append(ALIAS_ID)
                .append("\",\"armEndpoint\":\"").append(armEndpoint)
                .append("\",\"connectionString\":\"Endpoint=sb://fgf-alias.servicebus.windows.net/;SharedAccessKeyName=R;")
                .append("SharedAccessKey=K\"},\"job\":{\"jar\":\"job.jar\",\"entryClass\":\"Main\"}}").toString();
    }

    static List<String> controller(String... args) {
        // the launcher's logging (stderr), so stdout carries only the command's output, as with bin/failover-controller
        return ControllerJvm.command(List.of("-Dlog4j.configurationFile=" + Path.of(System.getProperty("user.dir"))
                .resolveSibling("bin").resolve("log4j2-cli.properties")), args);
    }

    static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        s.createContext("/", handler);
        s.start();
        return s;
    }

    static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}
