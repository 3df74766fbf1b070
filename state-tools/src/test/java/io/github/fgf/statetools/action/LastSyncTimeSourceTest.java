package io.github.fgf.statetools.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.fgf.statetools.StateToolsException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Azure path of the Last Sync Time: the Blob SDK's Get Blob Service Stats against a local
 * HTTP server that answers {@code GET /?restype=service&comp=stats} as a secondary endpoint does.
 */
class LastSyncTimeSourceTest {

    static final String SAS = "sv=2024-08-04&ss=b&srt=s&sp=r&se=2030-01-01T00:00:00Z&sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D";

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String geo = "<Status>live</Status><LastSyncTime>Sat, 21 Nov 2026 07:58:30 GMT</LastSyncTime>";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        String q = ex.getRequestURI().getQuery();
        boolean stats = q != null && q.contains("restype=service") && q.contains("comp=stats");
        byte[] body = (status != 200 ? "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code></Error>"
                : stats ? "<?xml version=\"1.0\" encoding=\"utf-8\"?><StorageServiceStats><GeoReplication>" + geo
                        + "</GeoReplication></StorageServiceStats>" : "").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.getResponseHeaders().set("x-ms-request-id", "r-1");
        ex.getResponseHeaders().set("x-ms-version", "2024-08-04");
        ex.sendResponseHeaders(stats || status != 200 ? status : 400, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
        ex.close();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void theLastSyncTimeComesFromGetBlobServiceStatsWithTheSas() {
        assertEquals(Instant.parse("2026-11-21T07:58:30Z"), LastSyncTimeSource.read(endpoint() + "?" + SAS));
        assertEquals(1, requests.size(), requests.toString());
        assertTrue(requests.get(0).startsWith("GET /?"), requests.get(0));
        assertTrue(requests.get(0).contains("sig="), "the SAS travels with the request: " + requests.get(0));
    }

    @Test
    void noLastSyncTimeWhileTheSecondaryBootstrapsIsAnErrorNotNow() {
        geo = "<Status>bootstrap</Status>";
        StateToolsException e = assertThrows(StateToolsException.class, () -> LastSyncTimeSource.read(endpoint() + "?" + SAS));
        assertEquals("no Last Sync Time at " + endpoint() + "?sv=***&ss=***&srt=***&sp=***&se=***&sig=***: geo-replication status bootstrap; nothing counts as replicated yet", e.getMessage());
    }

    @Test
    void withoutASasOrAKeyTheEndpointIsNamedAndNothingIsSent() {
        StateToolsException e = assertThrows(StateToolsException.class, () -> LastSyncTimeSource.read(endpoint(), null));
        assertEquals("no credentials for " + endpoint() + ": Get Blob Service Stats needs a SAS in the endpoint's query or "
                + "AZURE_STORAGE_KEY", e.getMessage());
        assertEquals(List.of(), requests);
    }

    @Test
    void aRefusedRequestNamesTheEndpointButNotTheSignature() {
        status = 403;
        StateToolsException e = assertThrows(StateToolsException.class, () -> LastSyncTimeSource.read(endpoint() + "?" + SAS));
        assertTrue(e.getMessage().startsWith("cannot read the Last Sync Time from " + endpoint()), e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
