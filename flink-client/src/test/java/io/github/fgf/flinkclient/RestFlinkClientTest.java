package io.github.fgf.flinkclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against a local HTTP server that speaks the paths it uses and records what it was sent. */
class RestFlinkClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JobId ID = JobId.of("0123456789abcdef0123456789ABCDEF");
    private HttpServer server;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private RestFlinkClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String key = ex.getRequestMethod() + " " + ex.getRequestURI();
            bodies.put(key, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String path = ex.getRequestURI().getPath();
            int status = 200;
            String body;
            if (path.equals("/jars/j1.jar/run")) {
                JsonNode req = JSON.readTree(bodies.get(key));
                if (req.path("jobId").asText().equals(ID.hex()) && bodies.containsKey("seen-run")) {
                    status = 500;
                    body = "{\"errors\":[\"org.apache.flink.runtime.client.DuplicateJobSubmissionException: Job has already been submitted.\"]}";
                } else {
                    bodies.put("seen-run", "");
                    body = "{\"jobid\":\"" + req.path("jobId").asText(ID.hex()) + "\"}";
                }
            } else if (path.equals("/jars")) {
                body = "{\"address\":\"x\",\"files\":[{\"id\":\"a_job-all.jar\",\"name\":\"job-all.jar\",\"uploaded\":1700000000000},"
                        + "{\"id\":\"b_job-all.jar\",\"name\":\"job-all.jar\",\"uploaded\":1700000005000}]}";
            } else if (path.equals("/jobs/overview")) {
                body = "{\"jobs\":[{\"jid\":\"" + ID.hex() + "\",\"name\":\"fgf\",\"state\":\"RUNNING\"},"
                        + "{\"jid\":\"ffffffffffffffffffffffffffffffff\",\"name\":\"old\",\"state\":\"SOME_NEW_STATE\"}]}";
            } else if (path.equals("/jobs/" + ID.hex() + "/checkpoints")) {
                body = "{\"counts\":{\"completed\":3},\"latest\":{\"completed\":{\"id\":42,\"latest_ack_timestamp\":1700000000000,"
                        + "\"external_path\":\"wasb://c@devstoreaccount1/checkpoints/j/chk-42\"},"
                        + "\"restored\":{\"id\":7}}}";
            } else if (path.equals("/jobs/" + ID.hex())) {
                body = "{\"state\":\"RUNNING\",\"vertices\":[{\"id\":\"src\",\"name\":\"Source: telemetry\"},{\"id\":\"win\"}]}";
            } else if (path.equals("/jobs/" + ID.hex() + "/vertices/src/subtasks/metrics") && ex.getRequestURI().getQuery() == null) {
                body = "[{\"id\":\"Source__telemetry.KafkaSourceReader.topic.tele.metry.partition.0.currentOffset\"},"
                        + "{\"id\":\"Source__telemetry.KafkaSourceReader.topic.tele.metry.partition.1.currentOffset\"},"
                        + "{\"id\":\"Source__telemetry.KafkaSourceReader.topic.tele.metry.partition.3.currentOffset\"},"
                        + "{\"id\":\"Source__telemetry.KafkaSourceReader.topic.tele.metry.partition.0.committedOffset\"},"
                        + "{\"id\":\"Source__telemetry.numRecordsOut\"}]";
            } else if (path.equals("/jobs/" + ID.hex() + "/vertices/src/subtasks/metrics")) {
                // Answers only what was asked for, the largest over subtasks, as Flink does; -1 before the first record.
                bodies.put("metrics-query", ex.getRequestURI().getQuery());
                Map<String, Double> values = Map.of("0", 41.0, "1", 7.0, "3", -1.0);
                StringBuilder b = new StringBuilder("[");
                for (String id : ex.getRequestURI().getQuery().replaceFirst(".*get=", "").split(",")) {
                    String p = id.replaceAll(".*partition\\.(\\d+)\\.currentOffset", "$1");
                    b.append(b.length() > 1 ? "," : "").append("{\"id\":\"").append(id).append("\",\"max\":").append(values.get(p)).append("}");
                }
                body = b.append("]").toString();
            } else if (path.equals("/jobs/" + ID.hex() + "/vertices/win/subtasks/metrics")) {
                body = "[{\"id\":\"Window.numRecordsIn\"}]";
            } else {
                status = 404;
                body = "{\"errors\":[\"Not found: " + path + "\"]}";
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        client = new RestFlinkClient("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void runSendsTheCallersRestoreDecisionsAndJobIdAndTellsADuplicate() throws Exception {
        RunRequest req = RunRequest.of("j1.jar", "io.example.Main", List.of("--a", "1"), 2)
                .restoringFrom(new RestoreSettings("wasb://sp/savepoint-1", ClaimMode.CLAIM, false)).withJobId(ID);
        assertEquals(ID, client.run(req));
        JsonNode sent = JSON.readTree(bodies.get("POST /jars/j1.jar/run"));
        assertEquals(ID.hex(), sent.path("jobId").asText());
        assertEquals("CLAIM", sent.path("claimMode").asText());
        assertFalse(sent.path("allowNonRestoredState").asBoolean(true));
        assertEquals("wasb://sp/savepoint-1", sent.path("savepointPath").asText());
        assertEquals(List.of("--a", "1"), List.of(sent.path("programArgsList").get(0).asText(), sent.path("programArgsList").get(1).asText()));
        assertEquals(2, sent.path("parallelism").asInt());

        FlinkClientException dup = assertThrows(FlinkClientException.DuplicateJob.class, () -> client.run(req));
        assertTrue(dup.getMessage().contains(ID.hex()), dup.getMessage());
    }

    @Test
    void aRunWithoutRestoreSendsNoRestoreFields() throws Exception {
        client.run(RunRequest.of("j1.jar", null, List.of(), 1));
        JsonNode sent = JSON.readTree(bodies.get("POST /jars/j1.jar/run"));
        assertFalse(sent.has("savepointPath") || sent.has("claimMode") || sent.has("jobId") || sent.has("entryClass"), sent.toString());
    }

    @Test
    void resultsAreTyped() throws Exception {
        List<JobSummary> jobs = client.jobs();
        assertEquals(new JobSummary(ID, "fgf", JobState.RUNNING), jobs.get(0));
        assertEquals(JobState.UNKNOWN, jobs.get(1).state());
        assertFalse(jobs.get(1).terminal(), "an unknown state is never taken for an ended job");
        CheckpointStats c = client.checkpoints(ID);
        assertEquals(3, c.completed());
        assertEquals(Instant.ofEpochMilli(1700000000000L), c.latestAckAt().orElseThrow());
        assertEquals(7L, c.restoredFromId().orElseThrow());
        assertEquals(42L, c.latestCompletedId().orElseThrow());
        List<UploadedJar> jars = client.jars();
        assertEquals(List.of("b_job-all.jar", "a_job-all.jar"), jars.stream().map(UploadedJar::id).toList(), "newest first");
        assertEquals(Instant.ofEpochMilli(1700000005000L), jars.get(0).uploadedAt());
        assertEquals("wasb://c@devstoreaccount1/checkpoints/j/chk-42", c.latestCompletedPath().orElseThrow());
    }

    @Test
    void kafkaSourcePositionsAreOnePastTheLastRecordHandedOnPerPartition() throws Exception {
        Map<KafkaPartition, Long> positions = client.kafkaSourcePositions(ID);
        assertEquals(Map.of(new KafkaPartition("tele.metry", 0), 42L, new KafkaPartition("tele.metry", 1), 8L), positions,
                "partition 3 has not handed on a record yet; committedOffset and other metrics are not positions");
        assertTrue(bodies.get("metrics-query").startsWith("agg=max&get="), bodies.get("metrics-query"));
        assertFalse(bodies.get("metrics-query").contains("committedOffset"), bodies.get("metrics-query"));
    }

    @Test
    void errorsCarryTheStatusAndAnUnreachableClusterHasNone() throws Exception {
        FlinkClientException notFound = assertThrows(FlinkClientException.class, () -> client.state(JobId.of("1".repeat(32))));
        assertEquals(404, notFound.status());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestFlinkClient dead = new RestFlinkClient("http://127.0.0.1:" + port, Duration.ofSeconds(1), Duration.ofSeconds(1));
        FlinkClientException e = assertThrows(FlinkClientException.class, dead::jobs);
        assertTrue(e.unreachable(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aJobIdIsThirtyTwoHexDigits() {
        assertEquals("0123456789abcdef0123456789abcdef", ID.hex());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobId.of("not-a-job"));
        assertTrue(e.getMessage().contains("not-a-job"));
    }
}
