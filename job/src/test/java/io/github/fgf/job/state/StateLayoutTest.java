package io.github.fgf.job.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateLayoutTest {

    @Test
    void uidsAreUniqueAndTheSourceUidCarriesTheNamespace() {
        List<String> uids = new java.util.ArrayList<>(StateLayout.fixedUids());
        uids.add(StateLayout.sourceUid("ns-primary"));
        uids.add(StateLayout.sourceUid("ns-secondary"));
        assertEquals(uids.size(), new HashSet<>(uids).size());
        assertEquals("source-ns-primary", StateLayout.sourceUid("ns-primary"));
    }

    @Test
    void aNamespaceThatCannotBeAUidIsRejectedWithTheKeyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateLayout.sourceUid("ns a"));
        assertEquals("source namespace: expected letters, digits and '-', got 'ns a'", e.getMessage());
    }

    @Test
    void progressEntriesRoundTrip() {
        ProgressCodec.Entry e = new ProgressCodec.Entry("telemetry-in", 3, 1_700_000_000_123L, 42);
        assertEquals("telemetry-in|3|1700000000123|42", ProgressCodec.encode(e));
        assertEquals(e, ProgressCodec.decode(ProgressCodec.encode(e)));
    }
}
