package io.github.fgf.localregions.flink;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Job lifecycle on a local session cluster through Flink's REST API: upload a jar, run it (from a
 * savepoint if asked), stop with a savepoint, cancel, read status and checkpoint counts. Used by
 * bin/demo and the job's integration tests.
 */
public final class FlinkJobs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String restUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkJobs(String restUrl) {
        this.restUrl = restUrl;
    }

    /** Uploads a jar; returns the id to run it by. */
    public String upload(Path jar) throws IOException {
        String boundary = "----fgf" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode r = send(HttpRequest.newBuilder(URI.create(restUrl + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Duration.ofMinutes(2));
        String filename = r.path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar; {@code savepointPath} may be null. Returns the job id. */
    public String run(String jarId, String entryClass, List<String> args, String savepointPath,
                      boolean allowNonRestoredState, int parallelism) throws IOException {
        return run(jarId, entryClass, args, savepointPath, allowNonRestoredState, parallelism, null);
    }

    /**
     * As {@link #run(String, String, List, String, boolean, int)}, with the JobID chosen by the caller (32 hex
     * digits): Flink refuses a second submission with the same id, so a caller that derives it from its own record
     * can never start the job twice.
     */
    public String run(String jarId, String entryClass, List<String> args, String savepointPath,
                      boolean allowNonRestoredState, int parallelism, String jobId) throws IOException {
        Map<String, Object> req = new LinkedHashMap<>();
        if (jobId != null) req.put("jobId", jobId);
        if (entryClass != null) req.put("entryClass", entryClass);
        req.put("programArgsList", args);
        req.put("parallelism", parallelism);
        if (savepointPath != null) {
            req.put("savepointPath", savepointPath);
            req.put("allowNonRestoredState", allowNonRestoredState);
            req.put("claimMode", "NO_CLAIM");
        }
        return send(HttpRequest.newBuilder(URI.create(restUrl + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req))), Duration.ofMinutes(2))
                .path("jobid").asText();
    }

    /** A job on the cluster: id, name and state. */
    public record Job(String id, String name, String state) {
        public boolean terminal() {
            return List.of("FAILED", "CANCELED", "FINISHED").contains(state);
        }
    }

    public List<Job> jobs() throws IOException {
        List<Job> out = new java.util.ArrayList<>();
        get("/jobs/overview").path("jobs").forEach(j -> out.add(new Job(j.path("jid").asText(), j.path("name").asText(),
                j.path("state").asText())));
        return out;
    }

    public String state(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    public long completedCheckpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** Triggers a savepoint of a running job in the given format (NATIVE or CANONICAL) and waits for its path. */
    public String triggerSavepoint(String jobId, String targetDirectory, String formatType, Duration timeout) throws IOException {
        String body = JSON.writeValueAsString(Map.of("target-directory", targetDirectory, "cancel-job", false,
                "formatType", formatType));
        String trigger = send(HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "/savepoints"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)),
                Duration.ofSeconds(30)).path("request-id").asText();
        return awaitSavepoint(jobId, trigger, timeout);
    }

    /** Stops the job with a savepoint (no drain) and waits for its path. */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) throws IOException {
        String body = JSON.writeValueAsString(Map.of("targetDirectory", targetDirectory, "drain", false));
        String trigger = send(HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)),
                Duration.ofSeconds(30)).path("request-id").asText();
        return awaitSavepoint(jobId, trigger, timeout);
    }

    private String awaitSavepoint(String jobId, String trigger, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(s.path("status").path("id").asText())) {
                JsonNode op = s.path("operation");
                if (op.has("failure-cause")) {
                    String trace = op.path("failure-cause").path("stack-trace").asText();
                    String cause = trace.lines().filter(l -> l.startsWith("Caused by:")).reduce((x, y) -> y)
                            .orElse(op.path("failure-cause").path("class").asText());
                    throw new IOException("savepoint of " + jobId + " failed: " + cause);
                }
                return op.path("location").asText();
            }
            sleep();
        }
        throw new IOException("savepoint of " + jobId + " did not complete within " + timeout.toSeconds() + " s");
    }

    public void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), Duration.ofSeconds(30));
    }

    public JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(restUrl + path)).GET(), Duration.ofSeconds(30));
    }

    private JsonNode send(HttpRequest.Builder b, Duration timeout) throws IOException {
        HttpRequest req = b.timeout(timeout).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException(req.method() + " " + req.uri().getPath() + " -> " + r.statusCode() + ": "
                        + r.body().lines().limit(3).reduce("", (x, y) -> x + " " + y));
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
