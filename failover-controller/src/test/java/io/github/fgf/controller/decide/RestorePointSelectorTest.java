package io.github.fgf.controller.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestorePointSelectorTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    static RestorePointCandidate sp(String name, int secondsAgo, String... problems) {
        return new RestorePointCandidate(name, 1L, NOW.minusSeconds(secondsAgo), true, List.of(problems));
    }

    @Test
    void theNewestSavepointIsSkippedWhileItIsNotReplicated() {
        // Savepoints every 60 s, GRS lag 90 s: the newest (30 s old) is after the Last Sync Time.
        RestorePointDecision d = RestorePointSelector.select(List.of(sp("sp-3", 30), sp("sp-2", 90), sp("sp-1", 150)),
                NOW.minusSeconds(80), NOW, Duration.ofMinutes(5), false);
        assertEquals("sp-2", d.chosen().orElseThrow().path());
        assertEquals(Duration.ofSeconds(90), d.rpo());
        assertEquals(1, d.rejected().size());
        assertEquals("sp-3", d.rejected().get(0).path());
        assertTrue(d.rejected().get(0).reason().startsWith("not replicated yet"), d.rejected().get(0).reason());
        assertFalse(d.refused());
    }

    @Test
    void aSavepointWithAMissingFileIsSkippedWithTheReason() {
        RestorePointDecision d = RestorePointSelector.select(List.of(sp("sp-2", 60, "missing: wasb://c@a/sp-2/x"), sp("sp-1", 120)),
                NOW, NOW, Duration.ofMinutes(5), false);
        assertEquals("sp-1", d.chosen().orElseThrow().path());
        assertEquals("does not verify on the secondary: missing: wasb://c@a/sp-2/x", d.rejected().get(0).reason());
    }

    @Test
    void beyondMaxRpoTheFailoverIsRefusedUnlessAccepted() {
        List<RestorePointCandidate> old = List.of(sp("sp-1", 600));
        RestorePointDecision refused = RestorePointSelector.select(old, NOW, NOW, Duration.ofMinutes(5), false);
        assertTrue(refused.refused());
        assertTrue(refused.reason().contains("--accept-rpo"), refused.reason());
        RestorePointDecision accepted = RestorePointSelector.select(old, NOW, NOW, Duration.ofMinutes(5), true);
        assertFalse(accepted.refused());
        assertEquals("sp-1", accepted.chosen().orElseThrow().path());
    }

    @Test
    void withNothingRestorableItRefuses() {
        RestorePointDecision d = RestorePointSelector.select(List.of(
                new RestorePointCandidate("sp-9", null, NOW.minusSeconds(10), false, List.of("no _metadata"))),
                NOW, NOW, Duration.ofMinutes(5), true);
        assertTrue(d.refused());
        assertTrue(d.chosen().isEmpty());
        assertEquals("no savepoint or shipped checkpoint on the secondary is restorable", d.reason());
        assertEquals("incomplete: no _metadata", d.rejected().get(0).reason());
    }

    @Test
    void newestRestorableIgnoresMaxRpoButNotReplicationOrVerification() {
        var best = RestorePointSelector.newestRestorable(List.of(sp("sp-3", 30), sp("sp-2", 900, "missing: x"), sp("sp-1", 1200)),
                NOW.minusSeconds(80));
        assertEquals("sp-1", best.orElseThrow().path());
    }
}
