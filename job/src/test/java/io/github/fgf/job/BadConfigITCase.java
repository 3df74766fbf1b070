package io.github.fgf.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's main in its own JVM with bad options: a non-zero exit and one line naming the key, no secret. */
class BadConfigITCase {

    private static final String KEY = "U2VjcmV0S2V5VGhhdE11c3ROZXZlckxlYWsxMjM0NTY=";
    private static final String CS = "Endpoint=sb://fgf-alias.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + KEY;

    private record Run(int exit, String output) {}

    /** The test classpath minus local-regions, which the job never has at run time. */
    private static String jobClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("local-regions")).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jobClasspath(), TelemetryJob.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void aMissingConnectionStringNamesTheKey() throws Exception {
        Run r = run("--hubs.input", "telemetry");
        assertNotEquals(0, r.exit());
        assertEquals("telemetry-job: bad option 'eventhubs.connection-string': missing; expected "
                + "Endpoint=sb://<host>/;SharedAccessKeyName=<name>;SharedAccessKey=<key> (or SharedAccessSignature=<sas>)",
                r.output().strip());
    }

    @Test
    void aMalformedDurationNamesTheKeyAndNeverPrintsTheConnectionStringKey() throws Exception {
        Run r = run("--eventhubs.connection-string", CS, "--checkpoint.interval", "ten seconds");
        assertNotEquals(0, r.exit());
        assertEquals(1, r.output().strip().lines().count(), r.output());
        assertTrue(r.output().contains("'checkpoint.interval'"), r.output());
        assertFalse(r.output().contains(KEY));
    }

    @Test
    void anUnknownLatePolicyNamesTheKey() throws Exception {
        Run r = run("--eventhubs.connection-string", CS, "--late.policy", "ignore");
        assertNotEquals(0, r.exit());
        assertEquals("telemetry-job: bad option 'late.policy': expected one of drop, adjust, side-output, got 'ignore'",
                r.output().strip());
        assertFalse(r.output().contains(KEY));
    }

    @Test
    void aBrokenConnectionStringIsRejectedWithoutItsKey() throws Exception {
        Run r = run("--eventhubs.connection-string", "Endpoint=https://x/;SharedAccessKey=" + KEY);
        assertNotEquals(0, r.exit());
        assertEquals(1, r.output().strip().lines().count(), r.output());
        assertFalse(r.output().contains(KEY));
    }
}
