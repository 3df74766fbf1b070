package io.github.fgf.statetools.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.sun.net.httpserver.HttpServer;
import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.location.SnapshotUri;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The geo-secondary credential paths against a local HTTP server standing for Azure Storage: the
 * SDK's real client and signing, with requests delivered to the server with their Host intact. The
 * server checks which host was reached and which account name was signed (recomputing the Shared
 * Key signature for the account's own name).
 */
class BlobAccountsTest {

    static final String KEY = Base64.getEncoder().encodeToString("not-a-real-key-but-32-bytes-long".getBytes());
    static final String SECONDARY = "wasbs://sp@acct-secondary.blob.core.windows.net/savepoints/savepoint-1";

    /** What the server saw of one request. */
    record Seen(String method, String host, String uri, String authorization, HttpHeaders headers) {}

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpClient toServer;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            HttpHeaders h = new HttpHeaders();
            ex.getRequestHeaders().forEach((k, v) -> h.set(HttpHeaderName.fromString(k), v.get(0)));
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Host"), ex.getRequestURI().toString(),
                    ex.getRequestHeaders().getFirst("Authorization"), h));
            ex.getResponseHeaders().add("x-ms-error-code", "BlobNotFound");
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        HttpClient sdk = HttpClient.createDefault();
        int port = server.getAddress().getPort();
        // Delivers each request to the local server, keeping the host it was meant for in the Host header.
        toServer = new HttpClient() {
            @Override
            public Mono<HttpResponse> send(HttpRequest request) {
                HttpRequest copy = request.copy();
                try {
                    copy.setUrl(new URL("http://127.0.0.1:" + port + request.getUrl().getFile()));
                } catch (MalformedURLException e) {
                    return Mono.error(e);
                }
                copy.setHeader(HttpHeaderName.HOST, request.getUrl().getHost());
                return sdk.send(copy);
            }
        };
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private boolean exists(String location, Map<String, String> env) {
        SnapshotUri uri = SnapshotUri.parse(location);
        return BlobAccounts.serviceClient(uri, new BlobAccess(env, Optional.of(toServer))).getBlobContainerClient(uri.container())
                .getBlobClient(uri.path().substring(1) + "/_metadata").exists();
    }

    /** Recomputes the Shared Key signature as Azure would for {@code account}, over what the server received. */
    private static String signatureFor(String account, Seen s) throws Exception {
        Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        s.headers().forEach(x -> {
            String name = x.getName().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("authorization") && !name.equals("host")) h.put(name, x.getValue());
        });
        return new StorageSharedKeyCredential(account, KEY).generateAuthorizationHeader(new URL("https://" + s.host() + s.uri()),
                s.method(), h);
    }

    @Test
    void sharedKeyIsSignedForTheAccountsOwnNameAndReachesTheSecondaryHost() throws Exception {
        assertFalse(exists(SECONDARY, Map.of(BlobAccess.KEY, KEY)));
        Seen s = seen.get(0);
        assertEquals("acct-secondary.blob.core.windows.net", s.host());
        assertTrue(s.authorization().startsWith("SharedKey acct:"), s.authorization());
        assertEquals(signatureFor("acct", s), s.authorization(), "signed for account 'acct', as Azure checks");
    }

    @Test
    void aConnectionStringGivesItsKeyButNeverItsPrimaryEndpoint() throws Exception {
        String cs = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + KEY + ";EndpointSuffix=core.windows.net";
        assertFalse(exists(SECONDARY, Map.of(BlobAccess.CONNECTION_STRING, cs)));
        Seen s = seen.get(0);
        assertEquals("acct-secondary.blob.core.windows.net", s.host(), "the primary endpoint is the lost one");
        assertEquals(signatureFor("acct", s), s.authorization());
    }

    @Test
    void aSasInTheLocationIsSentAsIsToTheSecondaryHost() {
        assertFalse(exists(SECONDARY + "?sv=2022-11-02&ss=b&srt=co&sp=rl&sig=c2lnbmF0dXJl", Map.of()));
        Seen s = seen.get(0);
        assertEquals("acct-secondary.blob.core.windows.net", s.host());
        assertNull(s.authorization());
        assertTrue(s.uri().contains("sig=c2lnbmF0dXJl") && s.uri().contains("sv=2022-11-02"), s.uri());
    }

    @Test
    void aConnectionStringWithASasIsUsedForItsAccount() {
        String cs = "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sp=rl&sig=Y3NzaWc%3D";
        assertFalse(exists(SECONDARY, Map.of(BlobAccess.CONNECTION_STRING, cs)));
        Seen s = seen.get(0);
        assertEquals("acct-secondary.blob.core.windows.net", s.host());
        assertTrue(s.uri().contains("sig=Y3NzaWc"), s.uri());
    }

    @Test
    void aConnectionStringForAnotherAccountIsNotUsedAndTheErrorNamesTheAccount() {
        String cs = "DefaultEndpointsProtocol=https;AccountName=other;AccountKey=" + KEY + ";EndpointSuffix=core.windows.net";
        StateToolsException e = assertThrows(StateToolsException.class, () -> exists(SECONDARY, Map.of(BlobAccess.CONNECTION_STRING, cs)));
        assertTrue(e.getMessage().contains("account acct") && e.getMessage().contains("another account"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), "the key never shows in an error");
        assertTrue(seen.isEmpty());
    }

    @Test
    void endpointsOfAccountForms() {
        assertEquals(new BlobEndpoint("acct.blob.core.windows.net", "acct", false), BlobEndpoint.of("acct"));
        assertEquals(new BlobEndpoint("acct.blob.core.windows.net", "acct", false), BlobEndpoint.of("acct.dfs.core.windows.net"));
        assertEquals(new BlobEndpoint("acct-secondary.blob.core.windows.net", "acct", true), BlobEndpoint.of("acct-secondary"));
    }
}
