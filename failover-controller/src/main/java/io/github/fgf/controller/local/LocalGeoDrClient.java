package io.github.fgf.controller.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.geodr.GeoDrClient;
import io.github.fgf.controller.geodr.GeoDrStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Geo-DR on the local environment: the alias emulator's control API ({@code GET /pairing},
 * {@code POST /failover}, {@code /break-pairing}, {@code /pair?partner=}), each answering with the
 * pairing as JSON ({@code alias, activeRegion, partnerRegion, role}).
 */
public final class LocalGeoDrClient implements GeoDrClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String controlUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public LocalGeoDrClient(String controlUrl) {
        this.controlUrl = controlUrl.replaceAll("/+$", "");
    }

    @Override
    public GeoDrStatus status() {
        return call("GET", "/pairing");
    }

    @Override
    public GeoDrStatus failover() {
        return call("POST", "/failover");
    }

    @Override
    public GeoDrStatus breakPairing() {
        return call("POST", "/break-pairing");
    }

    @Override
    public GeoDrStatus pair(String partnerRegion) {
        return call("POST", "/pair?partner=" + URLEncoder.encode(partnerRegion, StandardCharsets.UTF_8));
    }

    @Override
    public void setSends(String namespace, String hub, boolean enabled) {
        request("POST", "/sends?region=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8) + "&hub="
                + URLEncoder.encode(hub, StandardCharsets.UTF_8) + "&enabled=" + enabled);
    }

    private GeoDrStatus call(String method, String path) {
        JsonNode n = request(method, path);
        String partner = n.path("partnerRegion").isNull() ? "" : n.path("partnerRegion").asText("");
        return new GeoDrStatus(n.path("alias").asText(), n.path("role").asText(), !partner.isEmpty(), "Succeeded",
                n.path("activeRegion").isNull() ? null : n.path("activeRegion").asText(null));
    }

    private JsonNode request(String method, String path) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(controlUrl + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(resp.body().isEmpty() ? "{}" : resp.body());
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("local alias " + method + " " + path + " refused (" + resp.statusCode() + "): "
                        + n.path("error").asText(resp.body()));
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("local alias control API at " + controlUrl + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling the local alias", e);
        }
    }
}
