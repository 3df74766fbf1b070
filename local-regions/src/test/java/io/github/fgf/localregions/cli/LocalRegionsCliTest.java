package io.github.fgf.localregions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegionsCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LocalRegionsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void statusWithoutAnEnvironmentSaysHowToStartOne(@TempDir Path dir) {
        assertEquals(LocalRegionsCli.USAGE, run("status", "--work-dir", dir.toString()));
        assertEquals("local-regions: no local environment at " + dir.resolve("environment.json")
                + "; start one with 'bin/local-regions up'", err.toString().strip());
    }

    @Test
    void aBadDurationNamesTheOption(@TempDir Path dir) {
        assertEquals(LocalRegionsCli.USAGE, run("up", "--work-dir", dir.toString(), "--grs-lag", "soon"));
        assertTrue(err.toString().contains("--grs-lag"), err.toString());
        assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
    }

    @Test
    void aBadEventHubsModeNamesTheOptionAndTheChoices(@TempDir Path dir) {
        assertEquals(LocalRegionsCli.USAGE, run("up", "--work-dir", dir.toString(), "--event-hubs", "geo-replicaton"));
        assertTrue(err.toString().contains("--event-hubs"), err.toString());
        assertTrue(err.toString().contains("expected geo-dr or geo-replication, got 'geo-replicaton'"), err.toString());
        assertEquals(LocalRegionsCli.USAGE, run("up", "--work-dir", dir.toString(), "--event-hubs", "geo-replication",
                "--replication-lag", "PT-1S"));
        assertTrue(err.toString().contains("replication-lag: expected a duration >= 0, got PT-1S"), err.toString());
    }

    @Test
    void killRegionOfAnUnknownRegionNamesIt(@TempDir Path dir) {
        assertEquals(LocalRegionsCli.USAGE, run("kill-region"));
        assertTrue(err.toString().contains("<region>"), err.toString());
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        DurationConverter c = new DurationConverter();
        assertEquals(java.time.Duration.ofMillis(500), c.convert("500ms"));
        assertEquals(java.time.Duration.ofSeconds(2), c.convert("2s"));
        assertEquals(java.time.Duration.ZERO, c.convert("0"));
        assertEquals(java.time.Duration.ofSeconds(5), c.convert("PT5S"));
    }
}
