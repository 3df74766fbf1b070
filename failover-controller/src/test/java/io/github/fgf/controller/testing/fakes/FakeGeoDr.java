package io.github.fgf.controller.testing.fakes;

import io.github.fgf.controller.geodr.GeoDrClient;
import io.github.fgf.controller.geodr.GeoDrStatus;

/** The Geo-DR alias: paired A → B until a failover, which Geo-DR allows once per pairing. */
public final class FakeGeoDr implements GeoDrClient {

    private String active;
    private String partner;
    public int failovers;
    public int pairings;
    /** Failure switch: the next call throws, as ARM does when it is unavailable. */
    public boolean failNext;

    public FakeGeoDr(String active, String partner) {
        this.active = active;
        this.partner = partner;
    }

    @Override
    public synchronized GeoDrStatus status() {
        trip();
        return now();
    }

    @Override
    public synchronized GeoDrStatus failover() {
        trip();
        if (partner == null) throw new IllegalStateException("alias is not paired: Geo-DR fails over only once");
        active = partner;
        partner = null;
        failovers++;
        return now();
    }

    @Override
    public synchronized GeoDrStatus breakPairing() {
        trip();
        partner = null;
        return now();
    }

    @Override
    public synchronized GeoDrStatus pair(String partnerRegion) {
        trip();
        if (partner != null) throw new IllegalStateException("already paired");
        partner = partnerRegion;
        pairings++;
        return now();
    }

    /** Hubs whose sends are disabled, as {@code namespace/hub}. */
    public final java.util.Set<String> sendDisabled = new java.util.TreeSet<>();
    public int sendChanges;

    @Override
    public synchronized void setSends(String namespace, String hub, boolean enabled) {
        trip();
        boolean changed = enabled ? sendDisabled.remove(namespace + "/" + hub) : sendDisabled.add(namespace + "/" + hub);
        if (changed) sendChanges++;
    }

    public synchronized boolean paired() {
        return partner != null;
    }

    public synchronized String active() {
        return active;
    }

    private GeoDrStatus now() {
        return new GeoDrStatus("fgf-alias", partner != null ? "Primary" : "PrimaryNotReplicating", partner != null, "Succeeded", active);
    }

    private void trip() {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("ARM unavailable (failure switch)");
        }
    }
}
