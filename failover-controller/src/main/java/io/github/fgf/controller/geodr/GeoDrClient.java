package io.github.fgf.controller.geodr;

/** Event Hubs Geo-DR: one interface, the ARM API in Azure and the alias emulator locally. */
public interface GeoDrClient {

    GeoDrStatus status();

    /** Promotes the secondary namespace; the alias then resolves to it and the pairing is broken. */
    GeoDrStatus failover();

    GeoDrStatus breakPairing();

    /**
     * Makes {@code region} the primary, planned (nothing lost) or forced. Geo-DR has one way, the alias failover, and
     * its planned move gets its losslessness from the steps around it; Geo-Replication promotes the namespace's replica.
     */
    default GeoDrStatus promote(String region, boolean planned) {
        return failover();
    }

    /** Pairs again after a failover, with the given region (the old primary) as the new secondary. */
    GeoDrStatus pair(String partnerRegion);

    /**
     * Sets whether a hub of a namespace accepts sends: {@code false} is the entity status SendDisabled (producers
     * still connected to that namespace fail, connect again through the alias and so reach where it points),
     * {@code true} is Active. {@code namespace} as {@link io.github.fgf.controller.config.Topology.Alias#partnerOf}
     * names it. Idempotent.
     */
    void setSends(String namespace, String hub, boolean enabled);
}
