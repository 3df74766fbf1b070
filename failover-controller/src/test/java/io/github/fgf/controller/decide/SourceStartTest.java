package io.github.fgf.controller.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.observe.PartitionKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the source starts after a Geo-Replication promotion, partition by partition. */
class SourceStartTest {

    static PartitionKey p(int n) {
        return PartitionKey.of("telemetry", n);
    }

    @Test
    void restoreOffsetsWithinWhatWasReplicatedStand() {
        // Replication reached 120 and 95; the restore point read to 100 and 90; nothing new yet (no record after the declaration).
        SourceStart s = SourceStart.decide(Map.of(p(0), 100L, p(1), 90L), Map.of(p(0), 120L, p(1), 95L), Map.of(p(0), -1L, p(1), -1L),
                "fgf-alias", 3);
        assertFalse(s.repositioned());
        assertEquals("fgf-alias", s.label(), "the same uid: the restored offsets are read");
        assertTrue(s.offsets().isEmpty());
        assertEquals(Map.of(p(0), 120L, p(1), 95L), s.firstNew());
    }

    @Test
    void anOffsetBeyondTheNewPrimarysEndStartsAtItsEnd() {
        SourceStart s = SourceStart.decide(Map.of(p(0), 100L, p(1), 90L), Map.of(p(0), 80L, p(1), 95L), Map.of(), "fgf-alias", 3);
        assertTrue(s.repositioned());
        assertEquals("fgf-alias-e3", s.label(), "a new uid, so that no restored offset overrides the starts");
        assertEquals(new SourceStart.Moved(100, 80, "beyond the new primary's end 80: offsets 80..99 never reached it"), s.moved().get(p(0)));
        assertEquals(Map.of(p(0), 80L, p(1), 90L), s.offsets(), "every partition listed: the others at their restore offsets");
        assertEquals("offsets:0=80,1=90", s.startPosition("telemetry"));
    }

    @Test
    void offsetsTakenByRecordsEnqueuedAfterTheDeclarationAreReusedAndStartWhereTheNewRecordsDo() {
        // Replication stopped at 80; new records took 80.. and the end is 130 by now; the restore point read to 100.
        SourceStart s = SourceStart.decide(Map.of(p(0), 100L, p(1), 90L), Map.of(p(0), 130L, p(1), 140L), Map.of(p(0), 80L, p(1), 95L),
                "fgf-alias", 4);
        assertEquals(Map.of(p(0), new SourceStart.Moved(100, 80, "reused: offsets 80..99 hold records enqueued after the loss was "
                + "declared, not the ones the restore point read")), s.moved());
        assertEquals("offsets:0=80,1=90", s.startPosition("telemetry"));
        assertEquals(Map.of(p(0), 80L, p(1), 95L), s.firstNew());
    }
}
