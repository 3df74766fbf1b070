package io.github.fgf.controller.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.drill.DrillEnvironment;
import io.github.fgf.controller.drill.DrillOptions;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.flinkclient.RestFlinkClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drill on the local two-region environment: {@code reset} before each run, the run's own hubs of 4
 * partitions, the job submitted to the primary with {@code submit-job} (so that a revive restarts it as Flink HA
 * would), and kill and revive through {@code kill-region} and {@code revive-region --restart-jobs}.
 */
public final class LocalDrillEnvironment implements DrillEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDrillEnvironment.class);
    public static final int PARTITIONS = 4;
    public static final String JOB_NAME = "fgf-telemetry";
    private final LocalRegionsCommands commands;
    private final Path jobJar;

    public LocalDrillEnvironment(LocalRegionsCommands commands, Path jobJar) {
        this.commands = commands;
        this.jobJar = jobJar.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(this.jobJar)) {
            throw new IllegalArgumentException("job jar " + this.jobJar + " is missing; build it with 'mvn -DskipTests package'");
        }
    }

    @Override
    public Prepared prepare(String runId, Path runDir, DrillOptions options) throws Exception {
        Path envFile = commands.workDir().resolve("environment.json");
        LocalEnvironment.read(envFile); // one clear line when no environment is up
        // Every run starts where up left the environment: a killed region revived, no job, empty containers, paired.
        // The pairing too: a drill of one mode after one of the other finds the environment as its own options say.
        commands.run(Duration.ofMinutes(3), "reset", "--grs-lag", options.grsLag().toMillis() + "ms", "--event-hubs", options.eventHubs(),
                "--replication-lag", options.replicationLag().toMillis() + "ms");
        LocalEnvironment env = LocalEnvironment.read(envFile);
        LOG.info("Drill {}: local environment reset (alias paired, no jobs, empty containers)", runId);
        java.nio.file.Files.createDirectories(runDir);
        String prefix = "drill-" + runId;
        Prepared p = new Prepared(runDir.resolve("topology.json"), prefix + "-in", prefix + "-out", prefix + "-late",
                prefix + "-dlq", "d-");
        ObjectNode t = LocalTopology.fromEnvironment(env, jobJar);
        ((ObjectNode) t.get("policy")).put("savepointInterval", options.savepointInterval().toString());
        if (options.probeInterval() != null) ((ObjectNode) t.get("policy")).put("probeInterval", options.probeInterval().toString());
        if (!options.shipping()) {
            for (String region : List.of("primary", "secondary")) ((ObjectNode) t.get(region).get("storage")).remove("shipCheckpointsTo");
        }
        ArrayNode args = (ArrayNode) t.get("job").get("args");
        List<String> jobArgs = List.of("--hubs.input", p.inputHub(), "--hubs.output", p.outputHub(), "--hubs.late", p.lateHub(),
                "--hubs.dead-letter", p.deadLetterHub(), "--eventhubs.consumer-group", prefix, "--checkpoint.interval", "1s",
                "--watermark.idle-timeout", "2s", "--late.policy", "side-output", "--job.name", JOB_NAME);
        jobArgs.forEach(args::add);
        TopologyFile.write(p.topology(), t);

        Properties alias = KafkaEndpoint.clientProperties(env.alias().bootstrap(), env.alias().connectionString(), false);
        try (Admin admin = Admin.create(alias)) {
            for (String hub : List.of(p.inputHub(), p.outputHub(), p.lateHub(), p.deadLetterHub())) {
                try {
                    admin.createTopics(List.of(new NewTopic(hub, PARTITIONS, (short) 1))).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
        }
        List<String> submit = new ArrayList<>(List.of("submit-job", "--jar", jobJar.toString(), "--entry-class",
                "io.github.fgf.job.TelemetryJob", "--region", "primary", "--parallelism", "1", "--"));
        submit.addAll(jobArgs);
        // The secret as an owner-only file that submit-job writes, never as a program argument.
        submit.addAll(List.of("--eventhubs.connection-string-file", "{alias.connection-string-file}",
                "--eventhubs.local-bootstrap", "{alias.bootstrap}", "--source.namespace",
                // Geo-Replication: one namespace, whichever region serves it, so one source label for both regions' jobs.
                options.geoReplication() ? env.alias().name() : "{region.namespace}",
                "--source.start-position", "earliest", "--storage.checkpoints", "{region.checkpoints}",
                "--storage.savepoints", "{region.savepoints}", "--region.name", "{region.name}"));
        commands.run(Duration.ofMinutes(3), submit.toArray(String[]::new));
        awaitCheckpoint(new RestFlinkClient(env.region("primary").flink().restUrl()), Duration.ofMinutes(2));
        LOG.info("Drill {}: job {} runs in the primary on hubs {}..., checkpointing", runId, JOB_NAME, prefix);
        return p;
    }

    private static void awaitCheckpoint(FlinkClient flink, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JobSummary j : flink.jobs()) {
                if (!j.terminal() && flink.checkpoints(j.id()).completed() >= 1) return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the drill's job in the primary completed no checkpoint within " + timeout.toSeconds() + " s");
    }

    /** Compares the two brokers' copies of the hub record by record: a record the new primary holds elsewhere or not at all. */
    @Override
    public java.util.Optional<java.util.Map<Integer, java.util.Set<Long>>> unreplicated(String hub, String oldPrimary, String newPrimary)
            throws Exception {
        LocalEnvironment env = LocalEnvironment.read(commands.workDir().resolve("environment.json"));
        java.util.Map<Integer, java.util.Map<Long, String>> old = HubRecords.read(env.region(oldPrimary).kafka(), hub);
        java.util.Map<Integer, java.util.Map<Long, String>> now = HubRecords.read(env.region(newPrimary).kafka(), hub);
        java.util.Map<Integer, java.util.Set<Long>> missing = new java.util.TreeMap<>();
        old.forEach((p, records) -> records.forEach((offset, value) -> {
            if (!value.equals(now.getOrDefault(p, java.util.Map.of()).get(offset))) {
                missing.computeIfAbsent(p, x -> new java.util.TreeSet<>()).add(offset);
            }
        }));
        return java.util.Optional.of(missing);
    }

    @Override
    public boolean canKill() {
        return true;
    }

    @Override
    public java.time.Instant kill(String region) throws Exception {
        java.time.Instant asked = java.time.Instant.now();
        String out = commands.run(Duration.ofMinutes(1), "kill-region", region);
        // kill-region says when it cut the power; the command's own start is a second or two earlier (a JVM start).
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("killed at (\\S+)\\.").matcher(out);
        return m.find() ? java.time.Instant.parse(m.group(1)) : asked;
    }

    @Override
    public void revive(String region) throws Exception {
        commands.run(Duration.ofMinutes(3), "revive-region", region, "--restart-jobs");
    }
}
