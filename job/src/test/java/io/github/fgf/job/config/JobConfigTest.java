package io.github.fgf.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    static final String KEY = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";
    static final String CS = "Endpoint=sb://fgf-alias.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + KEY;

    @Test
    void everyDefault() {
        JobConfig c = JobConfig.fromMap(Map.of("eventhubs.connection-string", CS));
        assertEquals("", c.get(JobOptions.LOCAL_BOOTSTRAP));
        assertEquals("", c.get(JobOptions.CONNECTION_STRING_FILE));
        assertEquals("", c.get(JobOptions.CONNECTION_STRING_ENV));
        assertEquals("telemetry", c.get(JobOptions.INPUT_HUB));
        assertEquals("telemetry-aggregates", c.get(JobOptions.OUTPUT_HUB));
        assertEquals("telemetry-dead-letter", c.get(JobOptions.DEAD_LETTER_HUB));
        assertEquals("telemetry-late", c.get(JobOptions.LATE_HUB));
        assertEquals("fgf-telemetry", c.get(JobOptions.CONSUMER_GROUP));
        assertEquals("file:///tmp/fgf/checkpoints", c.get(JobOptions.CHECKPOINTS));
        assertEquals("file:///tmp/fgf/savepoints", c.get(JobOptions.SAVEPOINTS));
        assertEquals(Duration.ofSeconds(10), c.get(JobOptions.CHECKPOINT_INTERVAL));
        assertEquals(Duration.ofMinutes(1), c.get(JobOptions.WINDOW_SIZE));
        assertEquals(Duration.ofSeconds(5), c.get(JobOptions.MAX_OUT_OF_ORDERNESS));
        assertEquals(Duration.ofSeconds(30), c.get(JobOptions.IDLE_TIMEOUT));
        assertEquals(Duration.ZERO, c.get(JobOptions.ALLOWED_LATENESS));
        assertEquals(LatePolicy.ADJUST, c.get(JobOptions.LATE_POLICY));
        assertEquals(Duration.ofHours(1), c.get(JobOptions.DEDUP_HORIZON));
        assertEquals(JobOptions.DeliveryGuarantee.AT_LEAST_ONCE, c.get(JobOptions.DELIVERY));
        assertEquals("", c.get(JobOptions.SOURCE_NAMESPACE));
        assertEquals("fgf-alias", c.sourceNamespace());
        assertEquals(StartPosition.Kind.SAVEPOINT, c.get(JobOptions.START_POSITION).kind());
        assertEquals("primary", c.get(JobOptions.REGION));
        assertEquals(0L, c.get(JobOptions.EPOCH));
        assertEquals("fgf-telemetry", c.get(JobOptions.JOB_NAME));
        assertEquals("", c.get(JobOptions.STRANDED_BEFORE));
        assertEquals(Duration.ofDays(1), c.get(JobOptions.STRANDED_HORIZON));
        assertFalse(c.strandedHold().active());
        assertEquals(Duration.ofSeconds(30), c.get(JobOptions.FENCE_INTERVAL));
        assertEquals(Duration.ofMinutes(10), c.get(JobOptions.FENCE_GRACE));
    }

    @Test
    void aStrandedBeforeInstantMakesAHoldAndABadOneIsNamed() {
        JobConfig c = JobConfig.fromMap(Map.of("eventhubs.connection-string", CS, "failover.stranded-before", "2026-11-21T10:00:00Z",
                "failover.stranded-horizon", "2h"));
        assertEquals(new StrandedHold(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli(), 5_000, 7_200_000), c.strandedHold());
        JobConfigException e = assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of("eventhubs.connection-string", CS,
                "failover.stranded-before", "yesterday")));
        assertEquals("bad option 'failover.stranded-before': expected an ISO-8601 instant such as 2026-11-21T10:15:00Z, or empty, "
                + "got 'yesterday'", e.getMessage());
    }

    @Test
    void aConfigFileIsReadAndFlagsOverrideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "# comment\neventhubs.connection-string: \"" + CS + "\"\nwindow.size: 2m\nlate.policy: drop\n");
        JobConfig c = JobConfig.fromArgs(new String[] {"--config", file.toString(), "--late.policy", "side-output",
                "--source.start-position", "timestamp:2026-11-21T10:00:00Z", "--failover.epoch", "3"});
        assertEquals(Duration.ofMinutes(2), c.windowSize());
        assertEquals(LatePolicy.SIDE_OUTPUT, c.get(JobOptions.LATE_POLICY));
        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), c.get(JobOptions.START_POSITION).timestamp());
        assertEquals(3L, c.get(JobOptions.EPOCH));
    }

    @Test
    void badOptionsNameTheKeyAndTheExpectedFormOnOneLine() {
        assertEquals("bad option 'eventhubs.connection-string': missing; expected Endpoint=sb://<host>/;"
                        + "SharedAccessKeyName=<name>;SharedAccessKey=<key> (or SharedAccessSignature=<sas>)",
                assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of())).getMessage());
        assertEquals("bad option 'checkpoint.interval': expected a duration such as 500ms, 10s, 5m, 1h or PT10S, got '10 sec'",
                assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of(
                        "eventhubs.connection-string", CS, "checkpoint.interval", "10 sec"))).getMessage());
        assertEquals("bad option 'late.policy': expected one of drop, adjust, side-output, got 'ignore'",
                assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of(
                        "eventhubs.connection-string", CS, "late.policy", "ignore"))).getMessage());
        assertEquals("bad option 'window.sise': unknown option; see the README's option table",
                assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of(
                        "eventhubs.connection-string", CS, "window.sise", "1m"))).getMessage());
    }

    @Test
    void theConnectionStringNeverAppearsInMessagesOrToString() {
        JobConfigException e = assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of(
                "eventhubs.connection-string", "Endpoint=http://x/;SharedAccessKey=" + KEY)));
        assertFalse(e.getMessage().contains(KEY));
        assertFalse(JobConfig.fromMap(Map.of("eventhubs.connection-string", CS)).toString().contains(KEY));
    }

    @Test
    void theConnectionStringCanComeFromASecretFileOrAnEnvironmentVariable(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("eventhubs-connection-string");
        Files.writeString(secret, CS + "\n");
        JobConfig fromFile = JobConfig.fromMap(Map.of("eventhubs.connection-string-file", secret.toString()), name -> null);
        assertEquals(CS, fromFile.get(JobOptions.CONNECTION_STRING));
        assertEquals("fgf-alias", fromFile.sourceNamespace());
        JobConfig fromEnv = JobConfig.fromMap(Map.of("eventhubs.connection-string-env", "FGF_CS"),
                name -> name.equals("FGF_CS") ? CS : null);
        assertEquals(CS, fromEnv.get(JobOptions.CONNECTION_STRING));
        // a copy with overrides keeps the resolved value and does not see two sources
        assertEquals(CS, fromFile.with(Map.of("window.size", "2m")).get(JobOptions.CONNECTION_STRING));
        assertFalse(fromFile.toString().contains(KEY));
    }

    @Test
    void secretSourceMistakesAreNamedWithoutTheSecret(@TempDir Path dir) throws Exception {
        assertEquals("bad option 'eventhubs.connection-string-env': environment variable FGF_CS is not set",
                assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of("eventhubs.connection-string-env", "FGF_CS"),
                        name -> null)).getMessage());
        Path missing = dir.resolve("absent");
        assertEquals("bad option 'eventhubs.connection-string-file': cannot read " + missing + " (NoSuchFileException)",
                assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of("eventhubs.connection-string-file",
                        missing.toString()), name -> null)).getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals("bad option 'eventhubs.connection-string-file': " + empty + " is empty",
                assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of("eventhubs.connection-string-file",
                        empty.toString()), name -> null)).getMessage());
        JobConfigException two = assertThrows(JobConfigException.class, () -> JobConfig.fromMap(Map.of("eventhubs.connection-string", CS,
                "eventhubs.connection-string-env", "FGF_CS"), name -> CS));
        assertEquals("bad option 'eventhubs.connection-string': give one of eventhubs.connection-string, "
                + "eventhubs.connection-string-file or eventhubs.connection-string-env, not several", two.getMessage());
        // a malformed secret from a file is reported like a malformed option: without its value
        Path bad = Files.writeString(dir.resolve("bad"), "Endpoint=sb://x/;SharedAccessKeyName=R;SharedAccessKey=");
        JobConfigException malformed = assertThrows(JobConfigException.class, () -> JobConfig.fromMap(
                Map.of("eventhubs.connection-string-file", bad.toString()), name -> null));
        assertFalse(malformed.getMessage().contains("SharedAccessKeyName=R"), malformed.getMessage());
    }
}
