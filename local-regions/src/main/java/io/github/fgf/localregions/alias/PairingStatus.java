package io.github.fgf.localregions.alias;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The Geo-DR alias as Event Hubs reports it: which region the alias points at, its partner while
 * paired, and the role (Primary while replicating metadata, PrimaryNotReplicating once broken).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PairingStatus(String alias, String activeRegion, String partnerRegion, String role, int failovers) {

    public static final String PRIMARY = "Primary";
    public static final String PRIMARY_NOT_REPLICATING = "PrimaryNotReplicating";

    public static PairingStatus paired(String alias, String active, String partner, int failovers) {
        return new PairingStatus(alias, active, partner, PRIMARY, failovers);
    }

    public boolean paired() {
        return partnerRegion != null;
    }

    /** Failover: the partner becomes active and the pairing is broken, as Geo-DR does. */
    public PairingStatus failedOver() {
        return new PairingStatus(alias, partnerRegion, null, PRIMARY_NOT_REPLICATING, failovers + 1);
    }

    public PairingStatus broken() {
        return new PairingStatus(alias, activeRegion, null, PRIMARY_NOT_REPLICATING, failovers);
    }

    public PairingStatus pairedWith(String partner) {
        return paired(alias, activeRegion, partner, failovers);
    }
}
