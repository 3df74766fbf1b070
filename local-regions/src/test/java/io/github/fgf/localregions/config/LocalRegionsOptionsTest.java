package io.github.fgf.localregions.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRegionsOptionsTest {

    @Test
    void everyDefault() {
        LocalRegionsOptions o = LocalRegionsOptions.defaults(Path.of("w"));
        assertEquals(Path.of("w"), o.workDir());
        assertEquals(List.of("primary", "secondary"), o.regions());
        assertEquals("primary", o.primary());
        assertEquals("secondary", o.secondary());
        assertEquals(Duration.ofSeconds(5), o.grsLag());
        assertEquals(Duration.ofSeconds(1), o.grsInterval());
        assertEquals(true, o.flink());
        assertEquals(2, o.taskSlots());
        assertEquals(0, o.aliasPort());
        assertEquals(Duration.ofSeconds(120), o.startTimeout());
        assertEquals(LocalRegionsOptions.EventHubsPairing.GEO_DR, o.eventHubs());
        assertEquals(Duration.ofSeconds(2), o.replicationLag());
    }

    @Test
    void theEventHubsPairingIsGeoDrOrGeoReplicationWithALagOfZeroOrMore() {
        assertEquals(LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION, LocalRegionsOptions.EventHubsPairing.parse("geo-replication"));
        assertEquals("event-hubs: expected geo-dr or geo-replication, got 'geo'",
                assertThrows(IllegalArgumentException.class, () -> LocalRegionsOptions.EventHubsPairing.parse("geo")).getMessage());
        LocalRegionsOptions o = LocalRegionsOptions.defaults(Path.of("w"));
        assertEquals(Duration.ZERO, o.withEventHubs(LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION, Duration.ZERO).replicationLag());
        assertEquals("replication-lag: expected a duration >= 0, got PT-1S", assertThrows(IllegalArgumentException.class,
                () -> o.withEventHubs(LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION, Duration.ofSeconds(-1))).getMessage());
    }

    @Test
    void aZeroLagIsAllowedANegativeOneIsNot() {
        assertEquals(Duration.ZERO, LocalRegionsOptions.defaults(Path.of("w")).withGrsLag(Duration.ZERO).grsLag());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalRegionsOptions.defaults(Path.of("w")).withGrsLag(Duration.ofSeconds(-1)));
        assertEquals("grs-lag: expected a duration >= 0, got PT-1S", e.getMessage());
    }
}
