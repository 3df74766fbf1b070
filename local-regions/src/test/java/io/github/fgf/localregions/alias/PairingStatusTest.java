package io.github.fgf.localregions.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairingStatusTest {

    @Test
    void failoverPromotesThePartnerAndBreaksThePairingAndRepairReversesRoles() {
        PairingStatus s = PairingStatus.paired("a", "primary", "secondary", 0);
        PairingStatus failed = s.failedOver();
        assertEquals("secondary", failed.activeRegion());
        assertFalse(failed.paired());
        assertEquals(PairingStatus.PRIMARY_NOT_REPLICATING, failed.role());
        assertEquals(1, failed.failovers());
        PairingStatus repaired = failed.pairedWith("primary");
        assertTrue(repaired.paired());
        assertEquals("secondary", repaired.activeRegion());
        assertEquals("primary", repaired.partnerRegion());
        assertEquals(PairingStatus.PRIMARY, repaired.role());
    }
}
