package io.github.fgf.controller.geodr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Geo-Replication through Azure Resource Manager, on the namespace resource: {@code GET .../namespaces/{ns}} reads
 * {@code properties.geoDataReplication} (its replica locations with their roles, and the maximum lag), and
 * {@code POST .../namespaces/{ns}/failover} with {@code properties.primaryLocation} and {@code force} promotes,
 * a long-running operation followed to its end. A planned promotion is {@code force: false}: the service switches only
 * once the new primary has caught up, and it refuses sends meanwhile. With a grace period (for api-versions that take
 * it, the 2023-01-01-preview one), a planned promotion also sends {@code maximumGracePeriodInMins}: how long the
 * service may keep replicating before it switches anyway.
 */
public final class ArmGeoReplicationClient implements GeoReplicationClient {

    /** The namespace failover's GA api-version. */
    public static final String API_VERSION = "2026-01-01";
    private static final Logger LOG = LoggerFactory.getLogger(ArmGeoReplicationClient.class);

    private final String namespaceId;
    private final String apiVersion;
    private final Duration gracePeriod;
    private final ArmRequests arm;

    /**
     * @param endpoint    https://management.azure.com (a local server in tests)
     * @param namespaceId the namespace's resource id
     * @param apiVersion  the api-version to call; {@link #API_VERSION} unless the topology names another
     * @param gracePeriod null: none sent
     */
    public ArmGeoReplicationClient(String endpoint, String namespaceId, String apiVersion, Duration gracePeriod, Supplier<String> token,
                                   Duration pollInterval, Duration timeout) {
        this.namespaceId = namespaceId;
        this.apiVersion = apiVersion;
        this.gracePeriod = gracePeriod;
        this.arm = new ArmRequests(endpoint, token, pollInterval, timeout);
    }

    @Override
    public GeoReplicationStatus status() {
        return parse(arm.send("GET", arm.url(namespaceId, "", apiVersion), null).body());
    }

    @Override
    public GeoReplicationStatus promote(String location, Promotion kind) {
        GeoReplicationStatus before = status();
        if (before.primaryIs(location) && "Succeeded".equalsIgnoreCase(before.provisioningState())) {
            LOG.info("Promotion of {} to {} skipped: it is already the primary", before.namespace(), location);
            return before;
        }
        ObjectNode props = ArmRequests.JSON.createObjectNode().put("primaryLocation", location).put("force", kind == Promotion.FORCED);
        if (kind == Promotion.PLANNED && gracePeriod != null) props.put("maximumGracePeriodInMins", Math.max(1, gracePeriod.toMinutes()));
        ObjectNode body = ArmRequests.JSON.createObjectNode();
        body.set("properties", props);
        LOG.info("Promoting {} to {} ({}): the namespace's host name moves there", before.namespace(), location, kind);
        arm.awaitAccepted("promotion", arm.send("POST", arm.url(namespaceId, "/failover", apiVersion), body.toString()));
        return awaitPrimary(location);
    }

    /** The operation's end is not the namespace's: it reports Updating, or the old primary, until the switch is done. */
    private GeoReplicationStatus awaitPrimary(String location) {
        long deadline = System.nanoTime() + arm.timeout().toNanos();
        while (true) {
            GeoReplicationStatus s = status();
            if (s.primaryIs(location) && "Succeeded".equalsIgnoreCase(s.provisioningState())) {
                LOG.info("Promotion of {} done: primary {}, secondaries {}", s.namespace(), s.primaryLocation(), s.secondaryLocations());
                return s;
            }
            if ("Failed".equalsIgnoreCase(s.provisioningState())) throw new GeoDrException("promotion failed: provisioningState Failed");
            if (System.nanoTime() > deadline) {
                throw new GeoDrException("promotion to " + location + " did not finish within " + arm.timeout().toSeconds()
                        + " s (primary still " + s.primaryLocation() + ")");
            }
            arm.sleep();
        }
    }

    static GeoReplicationStatus parse(String body) {
        JsonNode n = ArmRequests.readTree(body);
        JsonNode geo = n.path("properties").path("geoDataReplication");
        String primary = null;
        List<String> secondaries = new ArrayList<>();
        for (JsonNode l : geo.path("locations")) {
            if ("Primary".equalsIgnoreCase(l.path("roleType").asText())) primary = l.path("locationName").asText();
            else secondaries.add(l.path("locationName").asText());
        }
        if (primary == null) throw new GeoDrException("namespace " + n.path("name").asText() + " reports no geo-replication primary"
                + " (properties.geoDataReplication.locations): is Geo-Replication set up on it?");
        return new GeoReplicationStatus(n.path("name").asText(), primary, List.copyOf(secondaries),
                geo.path("maxReplicationLagDurationInSeconds").asLong(0), n.path("properties").path("provisioningState").asText());
    }
}
