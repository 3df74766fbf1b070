package io.github.fgf.controller.geodr;

/**
 * Event Hubs Geo-Replication: one namespace whose replicas live in several regions; a promotion moves its primary
 * replica, and with it the namespace's host name, to another region. The ARM API in Azure, the local environment's
 * control API locally.
 */
public interface GeoReplicationClient {

    /** How a promotion treats what the new primary has not replicated yet. */
    enum Promotion {
        /** Waits until the secondary has caught up, then switches: nothing lost (sends are refused meanwhile). */
        PLANNED,
        /** Switches at once: records not yet replicated stay in the old primary only. */
        FORCED
    }

    GeoReplicationStatus status();

    /** Makes the replica in {@code location} the primary and waits until the namespace says it is. Idempotent. */
    GeoReplicationStatus promote(String location, Promotion kind);

    /**
     * After a forced promotion, makes the old primary in {@code location} a secondary again: its unreplicated records
     * are gone then, so drain them first. Azure does this itself once the old primary is back (the promotion makes the
     * previous primary a secondary): nothing to call there.
     */
    default GeoReplicationStatus rejoin(String location) {
        return status();
    }
}
