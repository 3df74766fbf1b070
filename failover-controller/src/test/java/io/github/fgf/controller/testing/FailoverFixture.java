package io.github.fgf.controller.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.grs.LastSyncTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The starting point of a failover test: both regions of the shared environment as up leaves them, a
 * topology, the job running in the primary through the alias with {@code before} events consumed, and a
 * NATIVE savepoint that has replicated; then {@code after} more events the savepoint does not hold.
 */
public final class FailoverFixture {

    public static final String JOB = "fgf-telemetry";
    public final LocalRegions regions;
    public final Environment env;
    public final Path topology;
    public final String savepoint;
    public final String outputHub;

    public FailoverFixture(SharedRegions shared, Path workDir, String hub, int before, int after) throws Exception {
        outputHub = hub + "-out";
        env = shared.fresh(Duration.ofSeconds(2));
        regions = shared.regions();
        Environment.Region a = env.region("primary");
        topology = workDir.resolve("topology.json");
        ObjectNode t = io.github.fgf.controller.local.LocalTopology.fromEnvironment(
                io.github.fgf.controller.local.LocalEnvironment.read(io.github.fgf.localregions.env.EnvironmentFile.in(Path.of(env.workDir()))),
                Path.of("../job/target/job-all.jar"));
        ArrayNode args = (ArrayNode) t.get("job").get("args");
        for (String s : List.of("--hubs.input", hub, "--hubs.output", outputHub, "--checkpoint.interval", "1s",
                "--watermark.idle-timeout", "2s", "--job.name", JOB)) {
            args.add(s);
        }
        TopologyFile.write(topology, t);

        // Every hub the job writes too (Event Hubs needs them; left to auto-creation the sink's idempotent producer can loop
        // on OUT_OF_ORDER_SEQUENCE_NUMBER after the topic's first NOT_LEADER_OR_FOLLOWER).
        for (String topic : List.of(hub, outputHub, "telemetry-dead-letter", "telemetry-late")) {
            Producer.createTopicIfAbsent(env.alias().bootstrap(), env.alias().connectionString(), topic, 2);
        }
        Producer.send(env.alias().bootstrap(), env.alias().connectionString(), hub, "before", before);
        FlinkJobs flinkA = new FlinkJobs(a.flink().restUrl());
        String jobA = startJobInPrimary(regions, args, 1);
        savepoint = flinkA.triggerSavepoint(jobA, a.storage().savepointsUri(), "NATIVE", Duration.ofSeconds(60));
        // Last-Modified has one-second resolution: the rule needs the Last Sync Time a second past the write.
        Instant savepointDone = Instant.now().plusSeconds(1);
        Path lst = Path.of(a.storage().lastSyncTimeFile());
        while (LastSyncTime.read(lst).orElseThrow().instant().isBefore(savepointDone)) Thread.sleep(200);
        Producer.send(env.alias().bootstrap(), env.alias().connectionString(), hub, "after-savepoint", after);
    }

    /**
     * Starts the job in the primary (recorded by local-regions, as submit-job does), reading through the
     * alias, with the topology's job arguments, and waits (up to a minute) for {@code checkpoints} completed checkpoints. Returns its id.
     */
    public static String startJobInPrimary(LocalRegions regions, ArrayNode topologyArgs, int checkpoints) throws Exception {
        Environment env = regions.environment();
        Environment.Region a = env.region("primary");
        FlinkJobs flinkA = new FlinkJobs(a.flink().restUrl());
        List<String> jobArgs = new ArrayList<>();
        topologyArgs.forEach(n -> jobArgs.add(n.asText()));
        jobArgs.addAll(List.of("--eventhubs.connection-string", env.alias().connectionString(), "--eventhubs.local-bootstrap",
                env.alias().bootstrap(), "--source.namespace", a.namespace(), "--source.start-position", "earliest",
                "--storage.checkpoints", a.storage().checkpointsUri(), "--storage.savepoints", a.storage().savepointsUri()));
        // Through local-regions' submit-job, so that a revive as Flink HA would restart it.
        String job = regions.submitJob("primary", Path.of("../job/target/job-all.jar"), "io.github.fgf.job.TelemetryJob", jobArgs, 1);
        long deadline = System.currentTimeMillis() + 60_000;
        while (flinkA.completedCheckpoints(job) < checkpoints && System.currentTimeMillis() < deadline) Thread.sleep(200);
        return job;
    }

    public Instant lastSyncTime() {
        return LastSyncTime.read(Path.of(env.region("primary").storage().lastSyncTimeFile())).orElseThrow().instant();
    }
}
