package io.github.fgf.controller.testing.fakes;

import io.github.fgf.flinkclient.CheckpointStats;
import io.github.fgf.flinkclient.ClusterOverview;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.FlinkClientException;
import io.github.fgf.flinkclient.JobId;
import io.github.fgf.flinkclient.JobState;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.flinkclient.RunRequest;
import io.github.fgf.flinkclient.SavepointFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A Flink session cluster in memory, refusing a second job with a JobID it has, as Flink does.
 * A submitted job runs and completes a checkpoint at once. Failure switches: unreachable, and a
 * duplicate submitted behind the caller's back between its look and its run.
 */
public final class FakeFlink implements FlinkClient {

    /** A job as the fake keeps it. */
    public static final class Job {
        public final JobId id;
        public final String name;
        public volatile JobState state;
        public final RunRequest request;

        Job(JobId id, String name, JobState state, RunRequest request) {
            this.id = id;
            this.name = name;
            this.state = state;
            this.request = request;
        }
    }

    private final String region;
    private final Map<JobId, Job> jobs = new LinkedHashMap<>();
    public final List<RunRequest> runs = new ArrayList<>();
    public final List<JobId> cancels = new ArrayList<>();
    public int stops;
    public volatile boolean unreachable;
    /** Another controller submits the same JobID just before this caller's run. */
    public volatile boolean raceTheNextRun;
    /** When set, a savepoint waits for it to open (a savepoint that takes minutes). Not under the lock. */
    public volatile java.util.concurrent.CountDownLatch savepointGate;
    /** What a job's Kafka sources report having read; none by default (a job whose metrics show no source yet). */
    public volatile java.util.function.Function<JobId, Map<io.github.fgf.flinkclient.KafkaPartition, Long>> sourcePositions =
            id -> Map.of();
    /** Called with each savepoint path this cluster writes (so storage can list it). */
    public Consumer<String> onSavepoint = p -> {};
    /** The external path of the latest completed checkpoint the running jobs report (null: none retained). */
    public volatile String latestCheckpoint;

    public FakeFlink(String region) {
        this.region = region;
    }

    /** A job already running here, as the user started it (epoch 0). */
    public synchronized JobId start(String name) {
        JobId id = JobId.of(UUID.randomUUID().toString().replace("-", ""));
        jobs.put(id, new Job(id, name, JobState.RUNNING, null));
        return id;
    }

    public synchronized List<Job> all() {
        return List.copyOf(jobs.values());
    }

    public synchronized List<Job> live() {
        return jobs.values().stream().filter(j -> !j.state.terminal()).toList();
    }

    /** Jars uploaded, newest first, and how many uploads there were. */
    public final List<io.github.fgf.flinkclient.UploadedJar> jars = new ArrayList<>();
    public int uploads;

    @Override
    public synchronized String upload(Path jar) throws FlinkClientException {
        reach();
        uploads++;
        String id = "jar-" + uploads + "-" + jar.getFileName();
        jars.add(0, new io.github.fgf.flinkclient.UploadedJar(id, jar.getFileName().toString(), java.time.Instant.now()));
        return id;
    }

    @Override
    public synchronized List<io.github.fgf.flinkclient.UploadedJar> jars() throws FlinkClientException {
        reach();
        return List.copyOf(jars);
    }

    @Override
    public synchronized JobId run(RunRequest q) throws FlinkClientException {
        reach();
        JobId id = q.jobId().orElseGet(() -> JobId.of(UUID.randomUUID().toString().replace("-", "")));
        String name = argAfter(q.args(), "--job.name").orElse("job");
        if (raceTheNextRun) {
            raceTheNextRun = false;
            jobs.put(id, new Job(id, name, JobState.RUNNING, q));
        }
        if (jobs.containsKey(id)) throw new FlinkClientException.DuplicateJob(id, "DuplicateJobSubmissionException");
        runs.add(q);
        jobs.put(id, new Job(id, name, JobState.RUNNING, q));
        return id;
    }

    @Override
    public synchronized List<JobSummary> jobs() throws FlinkClientException {
        reach();
        return jobs.values().stream().map(j -> new JobSummary(j.id, j.name, j.state)).toList();
    }

    @Override
    public synchronized JobState state(JobId job) throws FlinkClientException {
        reach();
        Job j = jobs.get(job);
        if (j == null) throw new FlinkClientException("GET /jobs/" + job + " -> 404", 404, null);
        return j.state;
    }

    @Override
    public synchronized CheckpointStats checkpoints(JobId job) throws FlinkClientException {
        reach();
        String latest = latestCheckpoint;
        return jobs.containsKey(job) ? new CheckpointStats(1, Optional.of(java.time.Instant.now()), Optional.empty(),
                Optional.ofNullable(latest).map(p -> (long) p.hashCode()), Optional.ofNullable(latest))
                : new CheckpointStats(0, Optional.empty(), Optional.empty());
    }

    @Override
    public Map<io.github.fgf.flinkclient.KafkaPartition, Long> kafkaSourcePositions(JobId job) throws FlinkClientException {
        synchronized (this) {
            reach();
            if (!jobs.containsKey(job)) throw new FlinkClientException("GET /jobs/" + job + " -> 404", 404, null);
        }
        return sourcePositions.apply(job);
    }

    @Override
    public String triggerSavepoint(JobId job, String dir, SavepointFormat format, Duration timeout)
            throws FlinkClientException {
        var gate = savepointGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlinkClientException("interrupted", 0, e);
            }
        }
        synchronized (this) {
            return writeSavepoint(job, dir);
        }
    }

    private String writeSavepoint(JobId job, String dir) throws FlinkClientException {
        reach();
        String path = dir.replaceAll("/+$", "") + "/savepoint-" + job.hex().substring(0, 6) + "-" + UUID.randomUUID().toString().substring(0, 8);
        onSavepoint.accept(path);
        return path;
    }

    @Override
    public synchronized String stopWithSavepoint(JobId job, String dir, Duration timeout) throws FlinkClientException {
        String path = triggerSavepoint(job, dir, SavepointFormat.NATIVE, timeout);
        jobs.get(job).state = JobState.FINISHED;
        stops++;
        return path;
    }

    @Override
    public synchronized void cancel(JobId job) throws FlinkClientException {
        reach();
        jobs.get(job).state = JobState.CANCELED;
        cancels.add(job);
    }

    @Override
    public synchronized ClusterOverview overview() throws FlinkClientException {
        reach();
        return new ClusterOverview(1, 4, 4 - live().size(), live().size(), "1.20.0");
    }

    private void reach() throws FlinkClientException {
        if (unreachable) throw new FlinkClientException("Flink of " + region + ": unreachable (failure switch)", 0, null);
    }

    private static Optional<String> argAfter(List<String> args, String key) {
        int i = args.indexOf(key);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }
}
