package io.github.fgf.controller.geodr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real ARM client against a local HTTP server that speaks the paths, api-version and
 * long-running-operation protocol it uses, with switches to fail.
 */
class ArmGeoDrClientTest {

    static final String ID = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns-b"
            + "/disasterRecoveryConfigs/fgf-alias";
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger pollsLeft = new AtomicInteger(2);
    volatile boolean paired = true;
    volatile String provisioning = "Succeeded";
    volatile boolean failFailover;
    static final String NS_A = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns-a";
    volatile String hubStatus = "Active";
    volatile String hubPut;
    final AtomicInteger throttled = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery();
        requests.add(ex.getRequestMethod() + " " + path + "?" + query);
        if (!"Bearer test-token".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "{\"error\":{\"code\":\"AuthenticationFailed\"}}");
            return;
        }
        if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ex.getResponseHeaders().set("Retry-After", "0");
            reply(ex, 429, "{\"error\":{\"code\":\"TooManyRequests\"}}");
            return;
        }
        if (path.startsWith("/operations/")) {
            reply(ex, 200, pollsLeft.decrementAndGet() > 0 ? "{\"status\":\"InProgress\"}" : "{\"status\":\"Succeeded\"}");
            if (pollsLeft.get() <= 0) {
                paired = false;
                provisioning = "Succeeded";
            }
            return;
        }
        if (!"api-version=2024-01-01".equals(query)) {
            reply(ex, 400, "{\"error\":{\"code\":\"InvalidApiVersionParameter\"}}");
            return;
        }
        if (ex.getRequestMethod().equals("GET") && path.equals(ID)) {
            reply(ex, 200, "{\"name\":\"fgf-alias\",\"properties\":{\"provisioningState\":\"" + provisioning + "\",\"partnerNamespace\":\""
                    + (paired ? "ns-a" : "") + "\",\"role\":\"" + (paired ? "Secondary" : "PrimaryNotReplicating") + "\"}}");
        } else if (ex.getRequestMethod().equals("POST") && path.equals(ID + "/failover")) {
            if (failFailover) {
                reply(ex, 409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"no pairing\"}}");
                return;
            }
            provisioning = "Accepted";
            ex.getResponseHeaders().set("Azure-AsyncOperation", "http://127.0.0.1:" + server.getAddress().getPort() + "/operations/op-1");
            reply(ex, 202, "");
        } else if (ex.getRequestMethod().equals("PUT") && path.equals(ID)) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            paired = body.contains("\"partnerNamespace\":\"/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns-a\"");
            reply(ex, 200, "");
        } else if (path.equals(NS_A + "/eventhubs/telemetry")) {
            if (ex.getRequestMethod().equals("GET")) {
                reply(ex, 200, "{\"name\":\"telemetry\",\"properties\":{\"messageRetentionInDays\":1,\"partitionCount\":4,"
                        + "\"partitionIds\":[\"0\",\"1\",\"2\",\"3\"],\"createdAt\":\"2026-11-01T00:00:00Z\",\"status\":\"" + hubStatus + "\"}}");
            } else if (ex.getRequestMethod().equals("PUT")) {
                hubPut = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                hubStatus = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hubPut).path("properties").path("status").asText();
                reply(ex, 200, hubPut);
            } else {
                reply(ex, 405, "");
            }
        } else if (ex.getRequestMethod().equals("POST") && path.equals(ID + "/breakPairing")) {
            paired = false;
            reply(ex, 200, "");
        } else {
            reply(ex, 404, "{\"error\":{\"code\":\"NotFound\"}}");
        }
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
        ex.close();
    }

    @Test
    void sendsAreDisabledAndEnabledByTheHubsEntityStatusKeepingItsOtherProperties() throws Exception {
        ArmGeoDrClient c = client("test-token");
        c.setSends(NS_A, "telemetry", false);
        assertEquals("SendDisabled", hubStatus);
        var put = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hubPut).path("properties");
        assertEquals(4, put.path("partitionCount").asInt(), hubPut);
        assertEquals(1, put.path("messageRetentionInDays").asInt(), hubPut);
        org.junit.jupiter.api.Assertions.assertFalse(put.has("createdAt") || put.has("partitionIds"), "read-only fields: " + hubPut);
        int before = requests.size();
        c.setSends(NS_A, "telemetry", false);
        assertEquals(List.of("GET " + NS_A + "/eventhubs/telemetry?api-version=2024-01-01"), requests.subList(before, requests.size()),
                "already SendDisabled: nothing written");
        c.setSends(NS_A, "telemetry", true);
        assertEquals("Active", hubStatus);
    }

    ArmGeoDrClient client(String token) {
        return new ArmGeoDrClient("http://127.0.0.1:" + server.getAddress().getPort(), ID, () -> token,
                Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    @Test
    void statusReadsRoleAndPairing() {
        GeoDrStatus s = client("test-token").status();
        assertEquals("fgf-alias", s.alias());
        assertEquals("Secondary", s.role());
        assertTrue(s.paired());
    }

    @Test
    void failoverFollowsTheLongRunningOperationUntilTheRoleChanges() {
        GeoDrStatus s = client("test-token").failover();
        assertEquals("PrimaryNotReplicating", s.role());
        assertFalse(s.paired());
        assertEquals("POST " + ID + "/failover?api-version=2024-01-01", requests.get(0));
        assertEquals(2, requests.stream().filter(r -> r.startsWith("GET /operations/op-1")).count());
    }

    @Test
    void refusalsAndBadCredentialsAreReadableWithoutTheToken() {
        failFailover = true;
        GeoDrException e = assertThrows(GeoDrException.class, () -> client("test-token").failover());
        assertEquals("POST " + ID + "/failover refused: Conflict", e.getMessage());
        GeoDrException auth = assertThrows(GeoDrException.class, () -> client("wrong-secret-token").status());
        assertTrue(auth.getMessage().contains("AuthenticationFailed"));
        assertFalse(auth.getMessage().contains("wrong-secret-token"));
    }

    @Test
    void breakPairingEndsThePairing() {
        assertFalse(client("test-token").breakPairing().paired());
    }

    @Test
    void pairPutsThePartnerNamespaceAndWaitsUntilSucceeded() {
        paired = false;
        GeoDrStatus s = client("test-token").pair("/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns-a");
        assertTrue(s.paired());
        assertEquals("PUT " + ID + "?api-version=2024-01-01", requests.get(0));
    }

    @Test
    void throttledRequestsAreSentAgainAsArmAsks() {
        throttled.set(2);
        GeoDrStatus s = client("test-token").failover();
        assertFalse(s.paired());
        assertEquals(List.of("POST " + ID + "/failover?api-version=2024-01-01"), requests.subList(0, 3).stream().distinct().toList(),
                "the throttled POST was sent three times: " + requests);

        throttled.set(ArmGeoDrClient.MAX_THROTTLED_RETRIES + 1);
        GeoDrException e = assertThrows(GeoDrException.class, () -> client("test-token").status());
        assertEquals("GET " + ID + " refused: TooManyRequests", e.getMessage());
    }
}
