package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyException;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.job.config.JobConfig;
import io.github.fgf.job.config.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's arguments are a contract: every argument list the controller can produce parses through the
 * job's own {@link JobConfig}, and none of them carries a connection string when the topology names a
 * secret file or variable.
 */
class JobArgsTest {

    static final String KEY = "c2VjcmV0LWtleQ==";
    static final String ALIAS_CS = "Endpoint=sb://fgf-alias.servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=" + KEY;

    static String region(String name, String namespace) {
        return "\"" + name + "\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\",\"eventHubsConnectionString\":"
                + "\"Endpoint=sb://ns-" + name + ".servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=" + KEY + "\","
                + "\"flinkRestUrl\":\"http://localhost:8081\",\"storage\":{\"checkpoints\":\"wasb://c@a/checkpoints\","
                + "\"savepoints\":\"wasb://c@a/savepoints\",\"secondarySavepoints\":\"wasb://c-grs@a/savepoints\","
                + "\"lastSyncTimeFrom\":\"local:/tmp/grs.json\"}}";
    }

    static Topology topology(Path dir, String namespace, String job) throws Exception {
        Path f = dir.resolve("t-" + Math.abs(job.hashCode()) + ".json");
        Files.writeString(f, "{" + region("primary", "ns-primary") + "," + region("secondary", namespace) + ",\"alias\":{\"type\":"
                + "\"local\",\"name\":\"a\",\"controlUrl\":\"http://127.0.0.1:1\",\"connectionString\":\"" + ALIAS_CS + "\","
                + "\"bootstrap\":\"127.0.0.1:2\"},\"job\":" + job + "}");
        return TopologyFile.read(f);
    }

    static FailoverRecord record(FailoverRecord.Mode mode) {
        return new FailoverRecord("6f1c1c0e-2d4b-4a51-9a55-1b7c7d0d2a11", 3, mode, "primary", "secondary",
                FailoverRecord.Status.IN_PROGRESS, null, java.time.Instant.parse("2026-12-01T10:00:00Z"),
                Map.of(FailoverRecord.Step.PROMOTE, java.time.Instant.parse("2026-12-01T10:00:02.125Z")), "wasb://c-grs@a/savepoints/sp", null,
                List.of(), "fgf-telemetry-e3", null, Map.of(), Map.of(), null);
    }

    static JobConfig parse(List<String> args) {
        return JobConfig.fromArgs(args.toArray(String[]::new));
    }

    @Test
    void withASecretFileTheArgumentsParseAndHoldNoConnectionString(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("alias-cs");
        Files.writeString(secret, ALIAS_CS);
        Topology t = topology(dir, "ns-secondary", "{\"jar\":\"j\",\"entryClass\":\"M\",\"connectionStringFile\":\"" + secret
                + "\",\"args\":[\"--hubs.input\",\"in\",\"--checkpoint.interval\",\"1s\"]}");
        for (FailoverRecord.Mode mode : FailoverRecord.Mode.values()) {
            List<String> args = FailoverRunner.jobArgs(t, record(mode));
            assertFalse(String.join(" ", args).contains(KEY), "a secret among the program arguments: " + args);
            JobConfig c = parse(args);
            assertEquals(ALIAS_CS, c.get(JobOptions.CONNECTION_STRING));
            assertEquals("ns-secondary", c.sourceNamespace());
            assertEquals(3L, c.get(JobOptions.EPOCH));
            assertEquals("secondary", c.get(JobOptions.REGION));
            assertEquals("in", c.get(JobOptions.INPUT_HUB));
            assertEquals(mode == FailoverRecord.Mode.FORCED, c.strandedHold().active(), mode.text());
            // Its own consumer group, and the new namespace read from a minute before the declaration, not from earliest.
            assertEquals("fgf-telemetry-e3", c.get(JobOptions.CONSUMER_GROUP));
            assertEquals(java.time.Instant.parse("2026-12-01T09:59:00Z"), c.get(JobOptions.START_POSITION).timestamp());
        }
        assertEquals("2026-12-01T10:00:02.125Z", parse(FailoverRunner.jobArgs(t, record(FailoverRecord.Mode.FORCED)))
                .get(JobOptions.STRANDED_BEFORE));
        // The secondary namespace's cluster id, when the controller could read it, parses as the job's fence expects it.
        assertEquals("Ab_9-xyZ", parse(FailoverRunner.jobArgs(t, record(FailoverRecord.Mode.PLANNED), java.util.Optional.of("Ab_9-xyZ")))
                .get(JobOptions.FENCE_CLUSTER_ID));
        assertEquals("", parse(FailoverRunner.jobArgs(t, record(FailoverRecord.Mode.PLANNED))).get(JobOptions.FENCE_CLUSTER_ID));
    }

    @Test
    void aNamespaceGivenAsAHostNameBecomesTheSourceNamespaceLabel(@TempDir Path dir) throws Exception {
        Topology t = topology(dir, "ns-b.servicebus.windows.net", "{\"jar\":\"j\",\"entryClass\":\"M\",\"connectionStringEnv\":\"CS\"}");
        List<String> args = FailoverRunner.jobArgs(t, record(FailoverRecord.Mode.FORCED));
        assertTrue(args.containsAll(List.of("--source.namespace", "ns-b")), args.toString());
        assertTrue(args.containsAll(List.of("--eventhubs.connection-string-env", "CS")), args.toString());
        assertEquals("ns-b.servicebus.windows.net:9093", t.secondary().kafkaBootstrap(), "not ns-b.servicebus.windows.net twice");
    }

    @Test
    void aSecretSourceInTheTopologysArgumentsIsNotDoubledAndOldTopologiesStillWork(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("cs");
        Files.writeString(secret, ALIAS_CS);
        Topology own = topology(dir, "ns-secondary", "{\"jar\":\"j\",\"entryClass\":\"M\",\"args\":[\"--eventhubs.connection-string-file\",\""
                + secret + "\"]}");
        assertEquals(ALIAS_CS, parse(FailoverRunner.jobArgs(own, record(FailoverRecord.Mode.FORCED))).get(JobOptions.CONNECTION_STRING));
        // Deprecated: no secret source at all, so the controller passes the alias' connection string (with a warning).
        Topology old = topology(dir, "ns-secondary", "{\"jar\":\"j\",\"entryClass\":\"M\"}");
        assertEquals(ALIAS_CS, parse(FailoverRunner.jobArgs(old, record(FailoverRecord.Mode.FORCED))).get(JobOptions.CONNECTION_STRING));
    }

    @Test
    void aConnectionStringInTheJobsArgumentsOrTwoSecretSourcesAreRefused(@TempDir Path dir) {
        TopologyException e = assertThrows(TopologyException.class, () -> topology(dir, "ns-secondary",
                "{\"jar\":\"j\",\"entryClass\":\"M\",\"args\":[\"--eventhubs.connection-string\",\"" + ALIAS_CS.replace("\"", "") + "\"]}"));
        assertTrue(e.getMessage().startsWith("topology 'job.args': must not hold --eventhubs.connection-string"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
        assertThrows(TopologyException.class, () -> topology(dir, "ns-secondary",
                "{\"jar\":\"j\",\"entryClass\":\"M\",\"connectionStringFile\":\"/f\",\"connectionStringEnv\":\"E\"}"));
    }
}
