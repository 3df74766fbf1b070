package io.github.fgf.flinkclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link FlinkClient} over Flink's REST API, with the JDK's HTTP client. */
public final class RestFlinkClient implements FlinkClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);
    private final String restUrl;
    private final Duration callTimeout;
    private final HttpClient http;

    /** Calls time out after 30 s (uploads and runs after 2 min). */
    public RestFlinkClient(String restUrl) {
        this(restUrl, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** A probe wants short timeouts, so that a dead cluster is told quickly. */
    public RestFlinkClient(String restUrl, Duration connectTimeout, Duration callTimeout) {
        this.restUrl = restUrl.replaceAll("/+$", "");
        this.callTimeout = callTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    public String restUrl() {
        return restUrl;
    }

    @Override
    public java.util.List<UploadedJar> jars() throws FlinkClientException {
        java.util.List<UploadedJar> out = new java.util.ArrayList<>();
        for (JsonNode f : get("/jars").path("files")) {
            out.add(new UploadedJar(f.path("id").asText(), f.path("name").asText(), Instant.ofEpochMilli(f.path("uploaded").asLong())));
        }
        out.sort(java.util.Comparator.comparing(UploadedJar::uploadedAt).reversed());
        return out;
    }

    @Override
    public String upload(Path jar) throws FlinkClientException {
        String boundary = "----fgf" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                    + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FlinkClientException("cannot read job jar " + jar + ": " + e.getMessage(), 0, e);
        }
        JsonNode r = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), longer());
        String filename = r.path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    @Override
    public JobId run(RunRequest q) throws FlinkClientException {
        Map<String, Object> req = new LinkedHashMap<>();
        q.jobId().ifPresent(id -> req.put("jobId", id.hex()));
        q.entryClass().ifPresent(c -> req.put("entryClass", c));
        req.put("programArgsList", q.args());
        req.put("parallelism", q.parallelism());
        q.restore().ifPresent(s -> {
            req.put("savepointPath", s.savepointPath());
            req.put("allowNonRestoredState", s.allowNonRestoredState());
            req.put("claimMode", s.claimMode().name());
        });
        try {
            return JobId.of(send(HttpRequest.newBuilder(uri("/jars/" + q.jarId() + "/run"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(req))), longer()).path("jobid").asText());
        } catch (FlinkClientException e) {
            if (q.jobId().isPresent() && String.valueOf(e.getMessage()).contains("DuplicateJobSubmission")) {
                throw new FlinkClientException.DuplicateJob(q.jobId().get(), e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public List<JobSummary> jobs() throws FlinkClientException {
        List<JobSummary> out = new ArrayList<>();
        get("/jobs/overview").path("jobs").forEach(j -> out.add(new JobSummary(JobId.of(j.path("jid").asText()),
                j.path("name").asText(), JobState.parse(j.path("state").asText()))));
        return out;
    }

    @Override
    public JobState state(JobId job) throws FlinkClientException {
        return JobState.parse(get("/jobs/" + job).path("state").asText());
    }

    @Override
    public CheckpointStats checkpoints(JobId job) throws FlinkClientException {
        JsonNode n = get("/jobs/" + job + "/checkpoints");
        long ack = n.path("latest").path("completed").path("latest_ack_timestamp").asLong(0);
        JsonNode restored = n.path("latest").path("restored");
        JsonNode completed = n.path("latest").path("completed");
        // external_path is "<checkpoint-not-externalized-...>" when checkpoints are not retained: no directory then.
        String path = completed.path("external_path").asText("");
        return new CheckpointStats(n.path("counts").path("completed").asLong(),
                ack > 0 ? Optional.of(Instant.ofEpochMilli(ack)) : Optional.empty(),
                restored.has("id") ? Optional.of(restored.path("id").asLong()) : Optional.empty(),
                completed.has("id") ? Optional.of(completed.path("id").asLong()) : Optional.empty(),
                path.contains("://") ? Optional.of(path) : Optional.empty());
    }

    @Override
    public Map<KafkaPartition, Long> kafkaSourcePositions(JobId job) throws FlinkClientException {
        Map<KafkaPartition, Long> out = new java.util.TreeMap<>();
        for (JsonNode v : get("/jobs/" + job).path("vertices")) {
            String metrics = "/jobs/" + job + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            List<String> ids = new ArrayList<>();
            get(metrics).forEach(m -> {
                if (KafkaSourceMetrics.currentOffsetOf(m.path("id").asText()).isPresent()) ids.add(m.path("id").asText());
            });
            if (ids.isEmpty()) continue;
            for (JsonNode m : get(metrics + KafkaSourceMetrics.query(ids))) {
                KafkaPartition p = KafkaSourceMetrics.currentOffsetOf(m.path("id").asText()).orElseThrow();
                // The connector reports the offset of the last record handed on, and a negative one before the first.
                long last = m.path("max").asLong(-1);
                if (last >= 0) out.merge(p, last + 1, Math::max);
            }
        }
        return out;
    }

    @Override
    public String triggerSavepoint(JobId job, String targetDirectory, SavepointFormat format, Duration timeout)
            throws FlinkClientException {
        String body = json(Map.of("target-directory", targetDirectory, "cancel-job", false, "formatType", format.name()));
        String trigger = send(HttpRequest.newBuilder(uri("/jobs/" + job + "/savepoints"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), callTimeout)
                .path("request-id").asText();
        return awaitSavepoint(job, trigger, timeout);
    }

    @Override
    public String stopWithSavepoint(JobId job, String targetDirectory, Duration timeout) throws FlinkClientException {
        String body = json(Map.of("targetDirectory", targetDirectory, "drain", false));
        String trigger = send(HttpRequest.newBuilder(uri("/jobs/" + job + "/stop"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), callTimeout)
                .path("request-id").asText();
        return awaitSavepoint(job, trigger, timeout);
    }

    @Override
    public void cancel(JobId job) throws FlinkClientException {
        send(HttpRequest.newBuilder(uri("/jobs/" + job + "?mode=cancel")).method("PATCH", HttpRequest.BodyPublishers.noBody()),
                callTimeout);
    }

    @Override
    public ClusterOverview overview() throws FlinkClientException {
        JsonNode n = get("/overview");
        return new ClusterOverview(n.path("taskmanagers").asInt(), n.path("slots-total").asInt(), n.path("slots-available").asInt(),
                n.path("jobs-running").asInt(), n.path("flink-version").asText());
    }

    /** Any GET, as JSON: for tests and diagnostics that need a field no typed call returns. */
    public JsonNode get(String path) throws FlinkClientException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), callTimeout);
    }

    private String awaitSavepoint(JobId job, String trigger, Duration timeout) throws FlinkClientException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = get("/jobs/" + job + "/savepoints/" + trigger);
            if ("COMPLETED".equals(s.path("status").path("id").asText())) {
                JsonNode op = s.path("operation");
                if (op.has("failure-cause")) {
                    String trace = op.path("failure-cause").path("stack-trace").asText();
                    String cause = trace.lines().filter(l -> l.startsWith("Caused by:")).reduce((x, y) -> y)
                            .orElse(op.path("failure-cause").path("class").asText());
                    throw new FlinkClientException("savepoint of " + job + " failed: " + cause, 200, null);
                }
                return op.path("location").asText();
            }
            pause();
        }
        throw new FlinkClientException("savepoint of " + job + " did not complete within " + timeout.toSeconds() + " s", 0, null);
    }

    private Duration longer() {
        return callTimeout.compareTo(Duration.ofMinutes(2)) > 0 ? callTimeout : Duration.ofMinutes(2);
    }

    private URI uri(String path) {
        return URI.create(restUrl + path);
    }

    private JsonNode send(HttpRequest.Builder b, Duration timeout) throws FlinkClientException {
        HttpRequest req = b.timeout(timeout).build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FlinkClientException(req.method() + " " + req.uri().getPath() + " at " + restUrl + ": unreachable ("
                    + e.getClass().getSimpleName() + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkClientException("interrupted calling " + restUrl, 0, e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new FlinkClientException(req.method() + " " + req.uri().getPath() + " -> " + r.statusCode() + ": "
                    + r.body().lines().limit(3).reduce("", (x, y) -> x + " " + y), r.statusCode(), null);
        }
        try {
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new FlinkClientException(req.method() + " " + req.uri().getPath() + ": not JSON: " + e.getMessage(), r.statusCode(), e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() throws FlinkClientException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkClientException("interrupted", 0, e);
        }
    }
}
