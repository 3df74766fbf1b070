package io.github.fgf.controller.geodr;

import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.alias.PairingStatus;

/** Geo-DR on the local environment: the alias emulator's control API. */
public final class LocalGeoDrClient implements GeoDrClient {

    private final AliasClient alias;

    public LocalGeoDrClient(String controlUrl) {
        this.alias = new AliasClient(controlUrl);
    }

    @Override
    public GeoDrStatus status() {
        return map(alias.status());
    }

    @Override
    public GeoDrStatus failover() {
        return map(alias.failover());
    }

    @Override
    public GeoDrStatus breakPairing() {
        return map(alias.breakPairing());
    }

    @Override
    public GeoDrStatus pair(String partnerRegion) {
        return map(alias.pair(partnerRegion));
    }

    private static GeoDrStatus map(PairingStatus s) {
        return new GeoDrStatus(s.alias(), s.role(), s.paired(), "Succeeded", s.activeRegion());
    }
}
