package io.github.fgf.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FailoverControllerCliTest {

    @Test
    void anUnknownVerbIsAUsageErrorOnOneLine() {
        StringWriter err = new StringWriter();
        int code = FailoverControllerCli.run(new String[] {"explode"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(FailoverControllerCli.USAGE, code);
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(err.toString().contains("explode"));
    }

    @Test
    void versionPrintsAndSucceeds() {
        StringWriter out = new StringWriter();
        assertEquals(0, FailoverControllerCli.run(new String[] {"--version"}, new PrintWriter(out),
                new PrintWriter(new StringWriter())));
        assertTrue(out.toString().startsWith("failover-controller"));
    }

    @Test
    void aBadTopologyIsNamedOnOneLineWithExitTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path t = dir.resolve("t.json");
        java.nio.file.Files.writeString(t, "{}");
        StringWriter err = new StringWriter();
        int code = FailoverControllerCli.run(new String[] {"failover", "--topology", t.toString(), "--state-dir", dir.toString(),
                "--crash-after", "choose"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(FailoverControllerCli.USAGE, code);
        assertEquals("failover-controller: topology 'primary': missing", err.toString().strip());
    }
}
