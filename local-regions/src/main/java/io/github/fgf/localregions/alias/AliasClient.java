package io.github.fgf.localregions.alias;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Client of the local alias' control API. */
public final class AliasClient {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** A planned promotion waits for the secondary to catch up (up to a minute); emptying a replica deletes its hubs. */
    private static final Duration ROLE_CHANGE_TIMEOUT = Duration.ofSeconds(120);
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public AliasClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public PairingStatus status() {
        return call("GET", "/pairing");
    }

    public PairingStatus failover() {
        return call("POST", "/failover");
    }

    public PairingStatus breakPairing() {
        return call("POST", "/break-pairing");
    }

    public PairingStatus pair(String partner) {
        return call("POST", "/pair?partner=" + partner);
    }

    /** Geo-Replication mode: the namespace's replicas, roles, lag and last promotion. */
    public io.github.fgf.localregions.georep.ReplicationState replication() {
        return read("GET", "/replication", io.github.fgf.localregions.georep.ReplicationState.class, CALL_TIMEOUT);
    }

    /** Geo-Replication mode: promotes the secondary, planned (after it caught up) or forced (at once). */
    public io.github.fgf.localregions.georep.ReplicationState promote(boolean planned) {
        return read("POST", "/promote?kind=" + (planned ? "planned" : "forced"), io.github.fgf.localregions.georep.ReplicationState.class,
                ROLE_CHANGE_TIMEOUT);
    }

    /** Geo-Replication mode: empties {@code region} and replicates into it anew. */
    public io.github.fgf.localregions.georep.ReplicationState addReplica(String region) {
        return read("POST", "/add-replica?region=" + java.net.URLEncoder.encode(region, java.nio.charset.StandardCharsets.UTF_8),
                io.github.fgf.localregions.georep.ReplicationState.class, ROLE_CHANGE_TIMEOUT);
    }

    /** Geo-Replication mode: the first region primary again, the second emptied and replicated into anew. */
    public io.github.fgf.localregions.georep.ReplicationState resetReplication() {
        return read("POST", "/reset-replication", io.github.fgf.localregions.georep.ReplicationState.class, ROLE_CHANGE_TIMEOUT);
    }

    private <T> T read(String method, String path, Class<T> type, Duration timeout) {
        try {
            return JSON.readValue(send(method, path, timeout), type);
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "alias answered " + method + " " + path + " unreadably: " + e.getMessage(), e);
        }
    }

    /** Sets a hub's sends in a region: {@code enabled=false} is Event Hubs' entity status SendDisabled. */
    public void sends(String region, String hub, boolean enabled) {
        send("POST", "/sends?region=" + java.net.URLEncoder.encode(region, java.nio.charset.StandardCharsets.UTF_8) + "&hub="
                + java.net.URLEncoder.encode(hub, java.nio.charset.StandardCharsets.UTF_8) + "&enabled=" + enabled);
    }

    /** The hubs whose sends are disabled, per region. */
    public java.util.Map<String, java.util.List<String>> disabledSends() {
        try {
            return JSON.readValue(JSON.readTree(send("GET", "/sends")).path("disabled").traverse(),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, java.util.List<String>>>() {});
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "alias answered GET /sends with no list: " + e.getMessage(), e);
        }
    }

    private PairingStatus call(String method, String path) {
        try {
            return JSON.readValue(send(method, path), PairingStatus.class);
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "alias answered " + method + " " + path + " with no pairing: " + e.getMessage(), e);
        }
    }

    private String send(String method, String path) {
        return send(method, path, CALL_TIMEOUT);
    }

    private String send(String method, String path, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                String error = JSON.readTree(resp.body()).path("error").asText(resp.body());
                throw new LocalRegionsException(Reason.BAD_ARGUMENT, "alias " + method + " " + path + " refused ("
                        + resp.statusCode() + "): " + error);
            }
            return resp.body();
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.NOT_RUNNING, "alias control API at " + baseUrl + " is unreachable: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRegionsException(Reason.TIMEOUT, "interrupted calling the alias", e);
        }
    }
}
