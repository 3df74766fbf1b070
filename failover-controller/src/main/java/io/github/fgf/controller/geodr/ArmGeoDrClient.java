package io.github.fgf.controller.geodr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Geo-DR through Azure Resource Manager, on the alias resource of the secondary namespace:
 * {@code GET .../disasterRecoveryConfigs/{alias}}, {@code POST .../failover},
 * {@code POST .../breakPairing}, following long-running operations (202 with
 * Azure-AsyncOperation or Location) until they end.
 */
public final class ArmGeoDrClient implements GeoDrClient {

    public static final String API_VERSION = "2024-01-01";
    /** Geo-DR role changes take tens of seconds to minutes; polling faster only spends ARM's read quota. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    static final int MAX_THROTTLED_RETRIES = 5;
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ArmGeoDrClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final String resourceId;
    private final Supplier<String> token;
    private final Duration pollInterval;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param endpoint   https://management.azure.com (a local server in tests)
     * @param resourceId the alias on the secondary namespace
     * @param token      bearer tokens for the management scope
     */
    public ArmGeoDrClient(String endpoint, String resourceId, Supplier<String> token, Duration pollInterval, Duration timeout) {
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.resourceId = resourceId;
        this.token = token;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    @Override
    public GeoDrStatus status() {
        return parse(send("GET", url(""), null).body());
    }

    @Override
    public GeoDrStatus failover() {
        return act("failover");
    }

    @Override
    public GeoDrStatus breakPairing() {
        return act("breakPairing");
    }

    /**
     * Re-pairing in ARM is a PUT of the alias on the new primary namespace naming the partner
     * namespace's resource id; {@code partnerRegion} must be that resource id here.
     */
    @Override
    public GeoDrStatus pair(String partnerNamespaceId) {
        String body = "{\"properties\":{\"partnerNamespace\":\"" + partnerNamespaceId + "\"}}";
        send("PUT", url(""), body);
        return act(null);
    }

    /**
     * The hub's entity status through ARM: {@code GET .../namespaces/<ns>/eventhubs/<hub>}, then a PUT of its properties
     * with {@code status} SendDisabled or Active (Create Or Update takes the whole description; read-only fields are
     * left out). {@code namespace} is the namespace's resource id.
     */
    @Override
    public void setSends(String namespace, String hub, boolean enabled) {
        String url = endpoint + namespace + "/eventhubs/" + hub + "?api-version=" + API_VERSION;
        JsonNode current = readTree(send("GET", url, null).body()).path("properties");
        String want = enabled ? "Active" : "SendDisabled";
        if (want.equalsIgnoreCase(current.path("status").asText())) return;
        com.fasterxml.jackson.databind.node.ObjectNode props = current.isObject()
                ? ((com.fasterxml.jackson.databind.node.ObjectNode) current).deepCopy() : JSON.createObjectNode();
        props.remove(java.util.List.of("createdAt", "updatedAt", "partitionIds"));
        props.put("status", want);
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        body.set("properties", props);
        send("PUT", url, body.toString());
        LOG.info("Event hub {} of {} is now {}", hub, namespace, want);
    }

    private GeoDrStatus act(String action) {
        if (action == null) return awaitSucceeded("pair");
        HttpResponse<String> r = send("POST", url("/" + action), "{}");
        if (r.statusCode() == 202) {
            String poll = r.headers().firstValue("Azure-AsyncOperation").or(() -> r.headers().firstValue("Location"))
                    .orElseThrow(() -> new GeoDrException(action + " answered 202 without a polling URL"));
            awaitOperation(action, poll);
        }
        return awaitSucceeded(action);
    }

    private GeoDrStatus awaitSucceeded(String action) {
        // The resource itself reports Accepted/Updating until the role change is done.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            GeoDrStatus s = status();
            if ("Succeeded".equalsIgnoreCase(s.provisioningState())) {
                LOG.info("Geo-DR {} on {} done: role {}, paired {}", action, s.alias(), s.role(), s.paired());
                return s;
            }
            if ("Failed".equalsIgnoreCase(s.provisioningState())) throw new GeoDrException(action + " failed: provisioningState Failed");
            if (System.nanoTime() > deadline) throw new GeoDrException(action + " did not finish within " + timeout.toSeconds() + " s");
            sleep();
        }
    }

    private void awaitOperation(String action, String pollUrl) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send("GET", pollUrl, null);
            if (r.statusCode() == 200) {
                String status = readTree(r.body()).path("status").asText("Succeeded");
                if (status.equalsIgnoreCase("Succeeded")) return;
                if (status.equalsIgnoreCase("Failed") || status.equalsIgnoreCase("Canceled")) {
                    throw new GeoDrException(action + " operation ended " + status);
                }
            }
            sleep();
        }
        throw new GeoDrException(action + " operation did not finish within " + timeout.toSeconds() + " s");
    }

    private String url(String suffix) {
        return endpoint + resourceId + suffix + "?api-version=" + API_VERSION;
    }

    private HttpResponse<String> send(String method, String url, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token.get())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            // 429 and 503 mean ARM did not take the request: wait as it asks and send it again, within the timeout
            for (int attempt = 1; (r.statusCode() == 429 || r.statusCode() == 503) && attempt <= MAX_THROTTLED_RETRIES; attempt++) {
                Duration wait = retryAfter(r);
                LOG.info("ARM answered {} to {} {}: retrying in {} ms (attempt {} of {})", r.statusCode(), method,
                        URI.create(url).getPath(), wait.toMillis(), attempt, MAX_THROTTLED_RETRIES);
                Thread.sleep(wait.toMillis());
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() >= 400) {
                String code = readTree(r.body()).path("error").path("code").asText("HTTP " + r.statusCode());
                throw new GeoDrException(method + " " + URI.create(url).getPath() + " refused: " + code);
            }
            return r;
        } catch (IOException e) {
            throw new GeoDrException("ARM unreachable at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeoDrException("interrupted");
        }
    }

    /** ARM's Retry-After in seconds, capped so one throttled call cannot stall a failover; the poll interval if absent. */
    private Duration retryAfter(HttpResponse<String> r) {
        try {
            long seconds = Long.parseLong(r.headers().firstValue("Retry-After").orElse("").trim());
            return Duration.ofSeconds(Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER.toSeconds()));
        } catch (NumberFormatException e) {
            return pollInterval;
        }
    }

    static GeoDrStatus parse(String body) {
        JsonNode n = readTree(body);
        JsonNode p = n.path("properties");
        String partner = p.path("partnerNamespace").asText("");
        return new GeoDrStatus(n.path("name").asText(), p.path("role").asText(), !partner.isEmpty(),
                p.path("provisioningState").asText(), null);
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeoDrException("interrupted");
        }
    }
}
