package io.github.fgf.controller.geodr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Geo-Replication namespace behind the runners' alias interface: regions map to replica locations, both ways. */
class GeoReplicationPairingTest {

    /** The namespace: westeurope primary, northeurope its replica until a forced promotion. */
    static final class FakeNamespace implements GeoReplicationClient {
        String primary = "West Europe";
        List<String> secondaries = new ArrayList<>(List.of("northeurope"));
        final List<String> calls = new ArrayList<>();

        @Override
        public GeoReplicationStatus status() {
            return new GeoReplicationStatus("fgf-ns", primary, List.copyOf(secondaries), 0, "Succeeded");
        }

        @Override
        public GeoReplicationStatus promote(String location, Promotion kind) {
            calls.add("promote " + location + " " + kind);
            String old = primary;
            primary = location;
            secondaries.remove(location);
            if (kind == Promotion.PLANNED) secondaries.add(old);
            return status();
        }

        @Override
        public GeoReplicationStatus rejoin(String location) {
            calls.add("rejoin " + location);
            secondaries.add(location);
            return status();
        }
    }

    @Test
    void regionsAreTheirReplicasLocationsInEveryCall() {
        FakeNamespace ns = new FakeNamespace();
        GeoReplicationPairing p = new GeoReplicationPairing(ns, Map.of("primary", "westeurope", "secondary", "northeurope"));
        GeoDrStatus s = p.status();
        assertEquals("primary", s.activeRegion(), "ARM spells the location 'West Europe'");
        assertTrue(s.paired());

        GeoDrStatus forced = p.promote("secondary", false);
        assertEquals("secondary", forced.activeRegion());
        assertFalse(forced.paired(), "after a forced promotion the old primary is no replica");
        // Failback names the returning region; its replica location goes to the namespace.
        assertTrue(p.pair("primary").paired());
        assertEquals(List.of("promote northeurope FORCED", "rejoin westeurope"), ns.calls);

        GeoDrException e = assertThrows(GeoDrException.class, () -> p.promote("nowhere", true));
        assertTrue(e.getMessage().startsWith("region nowhere has no replica location"), e.getMessage());
    }
}
