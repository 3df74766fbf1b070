package io.github.fgf.controller.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fgf.controller.act.FailoverRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Epochs grow for ever: failover A→B, failback, then failover B→A with B lost. */
class EpochCounterTest {

    static FailoverRecord record(long epoch) {
        return new FailoverRecord("id", epoch, FailoverRecord.Mode.FORCED, "primary", "secondary", FailoverRecord.Status.DONE,
                null, java.time.Instant.parse("2026-12-01T00:00:00Z"), Map.of(), null, null, List.of(), "job-e" + epoch, null, Map.of(), Map.of(), null);
    }

    @Test
    void theFirstFailoverIsEpochOne() {
        assertEquals(1, EpochCounter.next(Optional.empty(), Optional.empty()));
    }

    @Test
    void aFailoverBackTheOtherWayCountsOnFromTheMarkFailbackLeftInTheOldPrimary() {
        // A→B was epoch 1 (recorded in B's storage); failback wrote epoch 1 into A's storage as well. Now B is lost and
        // A, the new secondary, has no failover record of its own.
        assertEquals(2, EpochCounter.next(Optional.empty(), Optional.of(1L)));
    }

    @Test
    void theHigherOfRecordAndMarkWins() {
        assertEquals(4, EpochCounter.next(Optional.of(record(3)), Optional.of(2L)));
        assertEquals(6, EpochCounter.next(Optional.of(record(3)), Optional.of(5L)));
    }
}
