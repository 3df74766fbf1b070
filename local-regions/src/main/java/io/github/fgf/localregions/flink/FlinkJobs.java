package io.github.fgf.localregions.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fgf.flinkclient.ClaimMode;
import io.github.fgf.flinkclient.JobId;
import io.github.fgf.flinkclient.RestFlinkClient;
import io.github.fgf.flinkclient.RestoreSettings;
import io.github.fgf.flinkclient.RunRequest;
import io.github.fgf.flinkclient.SavepointFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The job lifecycle on a local session cluster with ids as strings, for bin/demo, revive-region and
 * the tests: a thin layer over flink-client's {@link RestFlinkClient}, which does every call. The
 * controller uses the typed client itself.
 */
public final class FlinkJobs {

    private final RestFlinkClient client;
    private final String restUrl;

    public FlinkJobs(String restUrl) {
        this.client = new RestFlinkClient(restUrl);
        this.restUrl = restUrl;
    }

    /** The typed client underneath. */
    public RestFlinkClient client() {
        return client;
    }

    /** Uploads a jar; returns the id to run it by. */
    public String upload(Path jar) throws IOException {
        return client.upload(jar);
    }

    /** Runs an uploaded jar; {@code savepointPath} may be null (restored NO_CLAIM). Returns the job id. */
    public String run(String jarId, String entryClass, List<String> args, String savepointPath,
                      boolean allowNonRestoredState, int parallelism) throws IOException {
        return run(jarId, entryClass, args, savepointPath, allowNonRestoredState, parallelism, null);
    }

    /** As above, with the JobID chosen by the caller (32 hex digits), or null for Flink's. */
    public String run(String jarId, String entryClass, List<String> args, String savepointPath,
                      boolean allowNonRestoredState, int parallelism, String jobId) throws IOException {
        RunRequest req = RunRequest.of(jarId, entryClass, args, parallelism);
        if (savepointPath != null) req = req.restoringFrom(new RestoreSettings(savepointPath, ClaimMode.NO_CLAIM, allowNonRestoredState));
        if (jobId != null) req = req.withJobId(JobId.of(jobId));
        return client.run(req).hex();
    }

    /** A job on the cluster: id, name and state. */
    public record Job(String id, String name, String state) {
        public boolean terminal() {
            return List.of("FAILED", "CANCELED", "FINISHED").contains(state);
        }
    }

    public List<Job> jobs() throws IOException {
        return client.jobs().stream().map(j -> new Job(j.id().hex(), j.name(), j.state().name())).toList();
    }

    public String state(String jobId) throws IOException {
        return client.state(JobId.of(jobId)).name();
    }

    public long completedCheckpoints(String jobId) throws IOException {
        return client.checkpoints(JobId.of(jobId)).completed();
    }

    /** Triggers a savepoint of a running job in the given format (NATIVE or CANONICAL) and waits for its path. */
    public String triggerSavepoint(String jobId, String targetDirectory, String formatType, Duration timeout) throws IOException {
        return client.triggerSavepoint(JobId.of(jobId), targetDirectory, SavepointFormat.valueOf(formatType), timeout);
    }

    /** Stops the job with a savepoint (no drain) and waits for its path. */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) throws IOException {
        return client.stopWithSavepoint(JobId.of(jobId), targetDirectory, timeout);
    }

    public void cancel(String jobId) throws IOException {
        client.cancel(JobId.of(jobId));
    }

    /** Cancels every job that has not ended and waits until all have; a job that does not end in time is an error. */
    public void cancelAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Job j : jobs()) {
                if (!j.terminal() && !"CANCELLING".equals(j.state())) cancel(j.id());
            }
            List<Job> left = jobs().stream().filter(j -> !j.terminal()).toList();
            while (!left.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("jobs still not ended after " + timeout + ": " + left);
                }
                Thread.sleep(200);
                left = jobs().stream().filter(j -> !j.terminal()).toList();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cancelling the jobs of the Flink cluster at " + restUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cancelling jobs", e);
        }
    }

    public JsonNode get(String path) throws IOException {
        return client.get(path);
    }
}
