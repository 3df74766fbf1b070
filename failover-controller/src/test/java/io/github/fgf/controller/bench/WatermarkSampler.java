package io.github.fgf.controller.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fgf.localregions.flink.FlinkJobs;
import java.time.Instant;
import java.util.Optional;

/**
 * Samples, every 250 ms while a drill runs, the first job that runs in a region's Flink cluster:
 * when it was first seen running and when its window operator's input watermark was first set
 * (Flink reports Long.MIN_VALUE until every input partition has either sent a record or gone
 * idle). Which of the two gates the first output after a failover is what it is for.
 */
final class WatermarkSampler implements AutoCloseable {

    private final FlinkJobs flink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String jobId;
    private volatile Instant runningAt;
    private volatile Instant watermarkSetAt;
    private volatile long firstWatermark;
    private final long startedAt = System.currentTimeMillis();

    WatermarkSampler(String restUrl) {
        this.flink = new FlinkJobs(restUrl);
        this.thread = new Thread(this::loop, "bench-watermarks");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running && watermarkSetAt == null) {
            try {
                if (jobId == null) {
                    // only a job started after the sampler: one left from an earlier drill is not the failover's
                    for (JsonNode j : flink.get("/jobs/overview").path("jobs")) {
                        if ("RUNNING".equals(j.path("state").asText()) && j.path("start-time").asLong() >= startedAt) {
                            jobId = j.path("jid").asText();
                        }
                    }
                }
                if (jobId != null) {
                    for (JsonNode v : flink.get("/jobs/" + jobId).path("vertices")) {
                        if (!v.path("name").asText().contains("window-aggregate")) continue;
                        if (runningAt == null && v.path("tasks").path("RUNNING").asInt() == v.path("parallelism").asInt()) {
                            runningAt = Instant.now();
                        }
                        for (JsonNode w : flink.get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/watermarks")) {
                            long value = w.path("value").asLong(Long.MIN_VALUE);
                            if (runningAt != null && value > 0 && watermarkSetAt == null) {
                                watermarkSetAt = Instant.now();
                                firstWatermark = value;
                            }
                        }
                    }
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception notYet) {
                // the cluster or the job is not there yet
            }
        }
    }

    Optional<Instant> runningAt() {
        return Optional.ofNullable(runningAt);
    }

    Optional<Instant> watermarkSetAt() {
        return Optional.ofNullable(watermarkSetAt);
    }

    /** The first watermark seen, as an instant (the event time the window operator had reached). */
    Optional<Instant> firstWatermark() {
        return watermarkSetAt == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(firstWatermark));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
