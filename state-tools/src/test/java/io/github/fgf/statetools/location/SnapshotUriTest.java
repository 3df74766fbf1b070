package io.github.fgf.statetools.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SnapshotUriTest {

    @Test
    void parsesWasbAndFileLocations() {
        SnapshotUri w = SnapshotUri.parse("wasb://fgf1-primary@devstoreaccount1/savepoints/job/sp-1");
        assertEquals("wasb", w.scheme());
        assertEquals("fgf1-primary", w.container());
        assertEquals("devstoreaccount1", w.account());
        assertEquals("/savepoints/job/sp-1", w.path());
        assertEquals("file:///tmp/sp", SnapshotUri.parse("file:///tmp/sp").withoutQuery());
    }

    @Test
    void aSasTokenNeverReachesThePrintableForm() {
        SnapshotUri u = SnapshotUri.parse("abfss://c@acct.dfs.core.windows.net/sp?sv=2024-01-01&sig=SECRETSIG&se=2026");
        assertFalse(u.toString().contains("SECRETSIG"));
        assertEquals("abfss://c@acct.dfs.core.windows.net/sp?sv=***&sig=***&se=***", u.toString());
        assertEquals("Endpoint=sb://x/;SharedAccessKey=***", SnapshotUri.redact("Endpoint=sb://x/;SharedAccessKey=abc="));
    }

    @Test
    void badLocationsNameTheProblemWithoutTheSecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotUri.parse("http://host/path?sig=SECRETSIG"));
        assertEquals("location 'http://host/path?sig=***': expected a file://, wasb(s):// or abfs(s):// URI", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SnapshotUri.parse("wasb://no-account/path"));
    }
}
