package io.github.fgf.controller.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fgf.flinkclient.JobId;
import io.github.fgf.flinkclient.KafkaPartition;
import io.github.fgf.flinkclient.RestFlinkClient;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of the real job over a pre-loaded hub in a region of the local environment: submitted as
 * an operator would (local-regions' submit-job), reading from earliest; its rate is taken from its
 * Kafka source's own positions (Flink's REST metrics), from 10 % to 90 % of the input.
 */
final class JobRun {

    final String jobId;
    final FlinkJobs flink;
    final RestFlinkClient client;
    private final Environment.Region region;

    private JobRun(String jobId, Environment.Region region) {
        this.jobId = jobId;
        this.region = region;
        this.flink = new FlinkJobs(region.flink().restUrl());
        this.client = new RestFlinkClient(region.flink().restUrl());
    }

    static JobRun submit(LocalRegions regions, String regionName, String hub, String name, Duration checkpointInterval,
                         String checkpoints, String savepoint) throws Exception {
        return submit(regions, regionName, hub, name, checkpointInterval, checkpoints, savepoint, "earliest");
    }

    static JobRun submit(LocalRegions regions, String regionName, String hub, String name, Duration checkpointInterval,
                         String checkpoints, String savepoint, String startPosition) throws Exception {
        Environment env = regions.environment();
        Environment.Region r = env.region(regionName);
        List<String> args = new ArrayList<>(List.of("--hubs.input", hub, "--hubs.output", hub + "-out", "--hubs.late", hub + "-late",
                "--hubs.dead-letter", hub + "-dlq", "--eventhubs.consumer-group", name, "--checkpoint.interval",
                checkpointInterval.toMillis() + "ms", "--watermark.idle-timeout", "2s", "--job.name", name,
                "--eventhubs.connection-string", env.alias().connectionString(), "--eventhubs.local-bootstrap", env.alias().bootstrap(),
                "--source.namespace", r.namespace(), "--source.start-position", startPosition,
                "--storage.checkpoints", checkpoints, "--storage.savepoints", r.storage().savepointsUri()));
        String id;
        if (savepoint == null) {
            id = regions.submitJob(regionName, Path.of("../job/target/job-all.jar"), "io.github.fgf.job.TelemetryJob", args, 1);
        } else {
            FlinkJobs f = new FlinkJobs(r.flink().restUrl());
            id = f.run(f.upload(Path.of("../job/target/job-all.jar")), "io.github.fgf.job.TelemetryJob", args, savepoint, true, 1);
        }
        return new JobRun(id, r);
    }

    /** Seconds from 10 % to 90 % of {@code total} records handed on by the source, or throws after the timeout. */
    double secondsFrom10To90(long total, Duration timeout) throws Exception {
        long t10 = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long n = 0;
            try {
                for (Map.Entry<KafkaPartition, Long> e : client.kafkaSourcePositions(JobId.of(jobId)).entrySet()) n += e.getValue();
            } catch (Exception notYet) {
                // the job is still starting: no metrics yet
            }
            long now = System.nanoTime();
            if (t10 == 0 && n >= total / 10) t10 = now;
            if (t10 != 0 && n >= total * 9 / 10) return (now - t10) / 1e9;
            Thread.sleep(100);
        }
        throw new IllegalStateException("job " + jobId + " did not read 90 % of " + total + " records within " + timeout);
    }

    /** The latest completed checkpoint's stats from Flink's REST API (checkpointed_size, state_size, duration, path). */
    JsonNode latestCheckpoint(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode c = flink.get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
            if (c.has("id")) return c;
            Thread.sleep(250);
        }
        throw new IllegalStateException("job " + jobId + " completed no checkpoint within " + timeout);
    }

    /** The TaskManager's resident set now and at its peak (VmRSS, VmHWM), in bytes. */
    long[] taskManagerMemory() throws Exception {
        return taskManagerMemory(region);
    }

    static long[] taskManagerMemory(Environment.Region region) throws Exception {
        long pid = region.flink().taskManager().pid();
        long rss = 0;
        long hwm = 0;
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) rss = kb(l);
            if (l.startsWith("VmHWM:")) hwm = kb(l);
        }
        return new long[] {rss, hwm};
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    /** Every task RUNNING: the state restored (a task restoring its state is INITIALIZING). */
    boolean allTasksRunning() throws Exception {
        JsonNode vertices = flink.get("/jobs/" + jobId).path("vertices");
        if (vertices.isEmpty()) return false;
        for (JsonNode v : vertices) {
            if (v.path("tasks").path("RUNNING").asInt() != v.path("parallelism").asInt()) return false;
        }
        return true;
    }

    void cancel() throws Exception {
        flink.cancel(jobId);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!flink.state(jobId).equals("CANCELED") && System.nanoTime() < deadline) Thread.sleep(200);
    }
}
