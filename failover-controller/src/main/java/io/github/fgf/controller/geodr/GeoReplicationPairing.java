package io.github.fgf.controller.geodr;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Geo-Replication namespace through the interface the runners use for the alias: the active region is the one whose
 * location holds the primary replica; paired means a secondary replica exists; a promotion moves the primary replica
 * (planned or forced); pairing again makes the old primary a replica. Sends follow the roles (a secondary replica
 * never takes them), so there is nothing to enable or disable per hub.
 */
public final class GeoReplicationPairing implements GeoDrClient {

    private static final Logger LOG = LoggerFactory.getLogger(GeoReplicationPairing.class);
    private final GeoReplicationClient namespace;
    private final Map<String, String> locationByRegion;

    /** @param locationByRegion each region's name (as the topology names it) to its replica's location */
    public GeoReplicationPairing(GeoReplicationClient namespace, Map<String, String> locationByRegion) {
        this.namespace = namespace;
        this.locationByRegion = Map.copyOf(locationByRegion);
    }

    @Override
    public GeoDrStatus status() {
        return of(namespace.status());
    }

    /** The only other region becomes the primary, forced: what a lost region leaves. */
    @Override
    public GeoDrStatus failover() {
        GeoReplicationStatus s = namespace.status();
        String other = locationByRegion.entrySet().stream().filter(e -> !s.primaryIs(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new GeoDrException("no replica other than the primary " + s.primaryLocation()));
        return promote(other, false);
    }

    @Override
    public GeoDrStatus promote(String region, boolean planned) {
        return of(namespace.promote(location(region), planned ? GeoReplicationClient.Promotion.PLANNED : GeoReplicationClient.Promotion.FORCED));
    }

    @Override
    public GeoDrStatus breakPairing() {
        throw new GeoDrException("a Geo-Replication namespace has no pairing to break: remove the secondary replica instead");
    }

    @Override
    public GeoDrStatus pair(String partnerRegion) {
        GeoReplicationStatus s = namespace.rejoin(location(partnerRegion));
        LOG.info("Region {} is a replica of namespace {} again (primary {})", partnerRegion, s.namespace(), s.primaryLocation());
        return of(s);
    }

    /** Sends follow the replicas' roles in Geo-Replication: no hub's status is changed. */
    @Override
    public void setSends(String namespace, String hub, boolean enabled) {
        LOG.debug("Sends of {} in {} left as they are: a Geo-Replication namespace takes sends at its primary replica only", hub, namespace);
    }

    private String location(String region) {
        String l = locationByRegion.get(region);
        if (l == null) throw new GeoDrException("region " + region + " has no replica location; known: " + locationByRegion.keySet());
        return l;
    }

    private GeoDrStatus of(GeoReplicationStatus s) {
        String active = locationByRegion.entrySet().stream().filter(e -> s.primaryIs(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        return new GeoDrStatus(s.namespace(), "Primary", !s.secondaryLocations().isEmpty(), s.provisioningState(), active);
    }
}
