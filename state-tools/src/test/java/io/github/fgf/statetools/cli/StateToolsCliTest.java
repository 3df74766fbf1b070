package io.github.fgf.statetools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StateToolsCliTest {

    @Test
    void anUnknownVerbIsAUsageErrorOnOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StateToolsCli.run(new String[] {"frobnicate"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(StateToolsCli.USAGE, code);
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(err.toString().contains("frobnicate"));
    }
}
