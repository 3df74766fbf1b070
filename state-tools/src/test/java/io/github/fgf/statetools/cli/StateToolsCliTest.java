package io.github.fgf.statetools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateToolsCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return StateToolsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void anUnknownVerbIsAUsageErrorOnOneLine() {
        assertEquals(StateToolsCli.USAGE, run("frobnicate"));
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(err.toString().contains("frobnicate"));
    }

    @Test
    void aSasTokenInABadPathIsRedacted() {
        assertEquals(StateToolsCli.USAGE, run("inspect", "https://acct.blob.core.windows.net/c/sp?sv=2024&sig=SECRETSIG"));
        assertFalse(err.toString().contains("SECRETSIG"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void verifyOfAnEmptyLocalDirectoryNamesTheMissingMetadata(@TempDir Path dir) {
        assertEquals(StateToolsCli.PROBLEM, run("verify", "file://" + dir));
        assertTrue(out.toString().contains("file://" + dir + "/_metadata"), out.toString());
    }

    @Test
    void listOfAnEmptyDirectoryIsEmptyAndOk(@TempDir Path dir) {
        assertEquals(StateToolsCli.OK, run("list", "file://" + dir, "--json"));
        assertEquals("[ ]", out.toString().strip());
    }

    @Test
    void pruneNeedsAtLeastOneToKeep(@TempDir Path dir) {
        assertEquals(StateToolsCli.USAGE, run("prune", "file://" + dir, "--keep-last", "0"));
        assertTrue(err.toString().contains("--keep-last"), err.toString());
    }
}
