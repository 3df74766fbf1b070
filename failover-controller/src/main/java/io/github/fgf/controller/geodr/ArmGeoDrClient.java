package io.github.fgf.controller.geodr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    static final int MAX_THROTTLED_RETRIES = ArmRequests.MAX_THROTTLED_RETRIES;
    private static final Logger LOG = LoggerFactory.getLogger(ArmGeoDrClient.class);
    private static final ObjectMapper JSON = ArmRequests.JSON;

    private final String resourceId;
    private final ArmRequests arm;

    /**
     * @param endpoint   https://management.azure.com (a local server in tests)
     * @param resourceId the alias on the secondary namespace
     * @param token      bearer tokens for the management scope
     */
    public ArmGeoDrClient(String endpoint, String resourceId, Supplier<String> token, Duration pollInterval, Duration timeout) {
        this.resourceId = resourceId;
        this.arm = new ArmRequests(endpoint, token, pollInterval, timeout);
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
        String url = arm.url(namespace, "/eventhubs/" + hub, API_VERSION);
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
        arm.awaitAccepted(action, send("POST", url("/" + action), "{}"));
        return awaitSucceeded(action);
    }

    private GeoDrStatus awaitSucceeded(String action) {
        // The resource itself reports Accepted/Updating until the role change is done.
        long deadline = System.nanoTime() + arm.timeout().toNanos();
        while (true) {
            GeoDrStatus s = status();
            if ("Succeeded".equalsIgnoreCase(s.provisioningState())) {
                LOG.info("Geo-DR {} on {} done: role {}, paired {}", action, s.alias(), s.role(), s.paired());
                return s;
            }
            if ("Failed".equalsIgnoreCase(s.provisioningState())) throw new GeoDrException(action + " failed: provisioningState Failed");
            if (System.nanoTime() > deadline) {
                throw new GeoDrException(action + " did not finish within " + arm.timeout().toSeconds() + " s");
            }
            sleep();
        }
    }

    private String url(String suffix) {
        return arm.url(resourceId, suffix, API_VERSION);
    }

    private HttpResponse<String> send(String method, String url, String body) {
        return arm.send(method, url, body);
    }

    static GeoDrStatus parse(String body) {
        JsonNode n = readTree(body);
        JsonNode p = n.path("properties");
        String partner = p.path("partnerNamespace").asText("");
        return new GeoDrStatus(n.path("name").asText(), p.path("role").asText(), !partner.isEmpty(),
                p.path("provisioningState").asText(), null);
    }

    private static JsonNode readTree(String body) {
        return ArmRequests.readTree(body);
    }

    private void sleep() {
        arm.sleep();
    }
}
