package io.github.fgf.controller.geodr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The real Geo-Replication ARM client against a local HTTP server that speaks the namespace paths, the api-version,
 * the long-running operation of a promotion and throttling, with switches to fail.
 */
class ArmGeoReplicationClientTest {

    static final String NS = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/fgf-ns";
    static final ObjectMapper JSON = new ObjectMapper();
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile String primary = "westeurope";
    volatile String secondary = "northeurope";
    volatile String provisioning = "Succeeded";
    volatile String pendingPrimary;
    volatile JsonNode promotionBody;
    volatile String operationEnds = "Succeeded";
    final AtomicInteger pollsLeft = new AtomicInteger(2);
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger unavailablePolls = new AtomicInteger();

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
            if (unavailablePolls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.getResponseHeaders().set("Retry-After", "0");
                reply(ex, 503, "{\"error\":{\"code\":\"ServiceUnavailable\"}}");
                return;
            }
            boolean done = pollsLeft.decrementAndGet() <= 0;
            if (done && operationEnds.equals("Succeeded")) {
                secondary = primary;
                primary = pendingPrimary;
                provisioning = "Succeeded";
            }
            reply(ex, 200, "{\"status\":\"" + (done ? operationEnds : "InProgress") + "\"}");
            return;
        }
        if (!"api-version=2026-01-01".equals(query)) {
            reply(ex, 400, "{\"error\":{\"code\":\"InvalidApiVersionParameter\"}}");
            return;
        }
        if (ex.getRequestMethod().equals("GET") && path.equals(NS)) {
            reply(ex, 200, "{\"name\":\"fgf-ns\",\"properties\":{\"provisioningState\":\"" + provisioning + "\",\"geoDataReplication\":"
                    + "{\"maxReplicationLagDurationInSeconds\":300,\"locations\":[{\"locationName\":\"" + primary
                    + "\",\"roleType\":\"Primary\"},{\"locationName\":\"" + secondary + "\",\"roleType\":\"Secondary\"}]}}}");
        } else if (ex.getRequestMethod().equals("POST") && path.equals(NS + "/failover")) {
            promotionBody = JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            pendingPrimary = promotionBody.path("properties").path("primaryLocation").asText();
            provisioning = "Updating";
            ex.getResponseHeaders().set("Azure-AsyncOperation", "http://127.0.0.1:" + server.getAddress().getPort() + "/operations/op-1");
            reply(ex, 202, "");
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

    ArmGeoReplicationClient client(String token, Duration grace) {
        return new ArmGeoReplicationClient("http://127.0.0.1:" + server.getAddress().getPort(), NS, ArmGeoReplicationClient.API_VERSION,
                grace, () -> token, Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    @Test
    void statusReadsTheReplicasRolesAndTheMaximumLag() {
        GeoReplicationStatus s = client("test-token", null).status();
        assertEquals("fgf-ns", s.namespace());
        assertEquals("westeurope", s.primaryLocation());
        assertEquals(List.of("northeurope"), s.secondaryLocations());
        assertEquals(300, s.maxReplicationLagSeconds());
        assertTrue(s.primaryIs("West Europe"), "ARM spells locations with spaces too");
    }

    @Test
    void aForcedPromotionPostsForceTrueAndFollowsTheOperationUntilTheNamespaceHasMoved() {
        GeoReplicationStatus s = client("test-token", Duration.ofMinutes(5)).promote("northeurope", GeoReplicationClient.Promotion.FORCED);
        assertEquals("northeurope", s.primaryLocation());
        assertEquals(List.of("westeurope"), s.secondaryLocations());
        assertEquals("POST " + NS + "/failover?api-version=2026-01-01", requests.get(1), requests.toString());
        assertEquals("northeurope", promotionBody.path("properties").path("primaryLocation").asText());
        assertTrue(promotionBody.path("properties").path("force").asBoolean());
        assertFalse(promotionBody.path("properties").has("maximumGracePeriodInMins"), "a forced promotion has no grace: " + promotionBody);
        assertEquals(2, requests.stream().filter(r -> r.startsWith("GET /operations/op-1")).count());
    }

    @Test
    void aPlannedPromotionWaitsForReplicationWithItsGracePeriod() {
        client("test-token", Duration.ofMinutes(5)).promote("northeurope", GeoReplicationClient.Promotion.PLANNED);
        assertFalse(promotionBody.path("properties").path("force").asBoolean(true), promotionBody.toString());
        assertEquals(5, promotionBody.path("properties").path("maximumGracePeriodInMins").asInt());

        client("test-token", null).promote("westeurope", GeoReplicationClient.Promotion.PLANNED);
        assertFalse(promotionBody.path("properties").has("maximumGracePeriodInMins"), "none configured, none sent: " + promotionBody);
    }

    @Test
    void promotingTheCurrentPrimaryChangesNothing() {
        GeoReplicationStatus s = client("test-token", null).promote("westeurope", GeoReplicationClient.Promotion.FORCED);
        assertEquals("westeurope", s.primaryLocation());
        assertEquals(List.of("GET " + NS + "?api-version=2026-01-01"), requests);
    }

    @Test
    void throttlingAndAnUnavailableOperationAreSentAgainAsArmAsks() {
        throttled.set(2);
        unavailablePolls.set(2);
        GeoReplicationStatus s = client("test-token", null).promote("northeurope", GeoReplicationClient.Promotion.FORCED);
        assertEquals("northeurope", s.primaryLocation());
        assertEquals(List.of("GET " + NS + "?api-version=2026-01-01"), requests.subList(0, 3).stream().distinct().toList(),
                "the throttled GET was sent three times before the POST: " + requests);
        assertEquals(4, requests.stream().filter(r -> r.startsWith("GET /operations/op-1")).count(), "2 unavailable, then 2 polls: " + requests);

        throttled.set(ArmRequests.MAX_THROTTLED_RETRIES + 1);
        GeoDrException e = assertThrows(GeoDrException.class, () -> client("test-token", null).status());
        assertEquals("GET " + NS + " refused: TooManyRequests", e.getMessage());
    }

    @Test
    void aFailedOperationAWrongApiVersionAndBadCredentialsAreOneReadableLineWithoutTheToken() {
        operationEnds = "Failed";
        GeoDrException failed = assertThrows(GeoDrException.class,
                () -> client("test-token", null).promote("northeurope", GeoReplicationClient.Promotion.FORCED));
        assertEquals("promotion operation ended Failed", failed.getMessage());

        var old = new ArmGeoReplicationClient("http://127.0.0.1:" + server.getAddress().getPort(), NS, "2021-11-01", null,
                () -> "test-token", Duration.ofMillis(20), Duration.ofSeconds(10));
        assertEquals("GET " + NS + " refused: InvalidApiVersionParameter", assertThrows(GeoDrException.class, old::status).getMessage());

        GeoDrException auth = assertThrows(GeoDrException.class, () -> client("wrong-secret-token", null).status());
        assertTrue(auth.getMessage().contains("AuthenticationFailed"));
        assertFalse(auth.getMessage().contains("wrong-secret-token"));
    }

    @Test
    void aNamespaceWithoutGeoReplicationIsNamed() {
        GeoDrException e = assertThrows(GeoDrException.class, () -> ArmGeoReplicationClient.parse("{\"name\":\"plain-ns\",\"properties\":{}}"));
        assertTrue(e.getMessage().startsWith("namespace plain-ns reports no geo-replication primary"), e.getMessage());
    }
}
