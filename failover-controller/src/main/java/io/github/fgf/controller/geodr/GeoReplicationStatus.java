package io.github.fgf.controller.geodr;

import java.util.List;

/**
 * A geo-replicated namespace as Event Hubs reports it: where its primary replica is, its secondaries, the configured
 * maximum replication lag (0: synchronous), and the namespace's provisioning state (Succeeded once a promotion is done).
 */
public record GeoReplicationStatus(String namespace, String primaryLocation, List<String> secondaryLocations,
                                   long maxReplicationLagSeconds, String provisioningState) {

    public boolean primaryIs(String location) {
        return normalize(primaryLocation).equals(normalize(location));
    }

    /** ARM spells locations both ways ("West Europe", "westeurope"). */
    static String normalize(String location) {
        return location == null ? "" : location.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }
}
