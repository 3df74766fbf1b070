package io.github.fgf.controller.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.geodr.GeoDrException;
import io.github.fgf.controller.geodr.GeoReplicationClient;
import io.github.fgf.controller.geodr.GeoReplicationStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Geo-Replication on the local environment: the namespace's control API ({@code GET /replication},
 * {@code POST /promote?kind=planned|forced}, {@code POST /add-replica?region=}). Locations are region names.
 */
public final class LocalGeoReplicationClient implements GeoReplicationClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A planned promotion waits for the secondary to catch up (a minute at most); emptying a replica deletes its hubs. */
    private static final Duration ROLE_CHANGE_TIMEOUT = Duration.ofSeconds(120);
    private final String controlUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public LocalGeoReplicationClient(String controlUrl) {
        this.controlUrl = controlUrl.replaceAll("/+$", "");
    }

    @Override
    public GeoReplicationStatus status() {
        return parse(request("GET", "/replication", Duration.ofSeconds(5)));
    }

    @Override
    public GeoReplicationStatus promote(String location, Promotion kind) {
        GeoReplicationStatus s = status();
        if (s.primaryIs(location)) return s;
        return parse(request("POST", "/promote?kind=" + (kind == Promotion.PLANNED ? "planned" : "forced"), ROLE_CHANGE_TIMEOUT));
    }

    /** Locally the old primary rejoins only when asked: it is emptied and replicated into anew. */
    @Override
    public GeoReplicationStatus rejoin(String location) {
        GeoReplicationStatus s = status();
        if (s.secondaryLocations().contains(location)) return s;
        return parse(request("POST", "/add-replica?region=" + URLEncoder.encode(location, StandardCharsets.UTF_8), ROLE_CHANGE_TIMEOUT));
    }

    /** Per hub and partition, how far the replica has been copied when the last promotion switched the roles. */
    public JsonNode lastPromotion() {
        return request("GET", "/replication", Duration.ofSeconds(5)).path("lastPromotion");
    }

    static GeoReplicationStatus parse(JsonNode n) {
        String secondary = n.path("secondary").isNull() ? null : n.path("secondary").asText(null);
        return new GeoReplicationStatus(n.path("namespace").asText(), n.path("primary").asText(),
                secondary == null ? List.of() : List.of(secondary), n.path("lagMillis").asLong() / 1000, "Succeeded");
    }

    private JsonNode request(String method, String path, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(controlUrl + path)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(resp.body().isEmpty() ? "{}" : resp.body());
            if (resp.statusCode() != 200) {
                throw new GeoDrException("local namespace " + method + " " + path + " refused (" + resp.statusCode() + "): "
                        + n.path("error").asText(resp.body()));
            }
            return n;
        } catch (IOException e) {
            throw new GeoDrException("local namespace control API at " + controlUrl + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeoDrException("interrupted calling the local namespace");
        }
    }
}
