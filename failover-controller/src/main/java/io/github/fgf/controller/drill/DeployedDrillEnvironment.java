package io.github.fgf.controller.drill;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.RestFlinkClient;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The drill against a real deployment, from its topology file: the job must already run in the primary, on the
 * topology's hubs, and the drill's devices carry a prefix of their own ({@code drill-<run>-d}) so that it audits only
 * its own windows beside production traffic. Nothing can cut a real region's power: a forced drill starts the
 * failover itself at the chosen point (the controller fences the primary's job, as on a real loss), so detection is
 * not measured; reviving is the operator's (the region never went).
 */
public final class DeployedDrillEnvironment implements DrillEnvironment {

    private final Path topologyFile;

    public DeployedDrillEnvironment(Path topologyFile) {
        this.topologyFile = topologyFile;
    }

    @Override
    public Prepared prepare(String runId, Path runDir, DrillOptions options) throws Exception {
        Topology t = TopologyFile.read(topologyFile);
        FlinkClient flink = new RestFlinkClient(t.primary().flinkRestUrl());
        if (flink.jobs().stream().noneMatch(j -> !j.terminal())) {
            throw new IllegalStateException("no job runs in " + t.primary().name() + " (" + t.primary().flinkRestUrl()
                    + "): start it there before a drill");
        }
        Files.createDirectories(runDir);
        Path copy = runDir.resolve("topology.json");
        // Owner-only from its creation: it holds connection strings.
        Files.deleteIfExists(copy);
        Files.createFile(copy, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(copy, Files.readAllBytes(topologyFile));
        Topology.JobSpec job = t.job();
        return new Prepared(copy, job.arg("--hubs.input", "telemetry"), job.arg("--hubs.output", "telemetry-aggregates"),
                job.arg("--hubs.late", "telemetry-late"), job.arg("--hubs.dead-letter", "telemetry-dead-letter"),
                "drill-" + runId + "-d");
    }

    @Override
    public boolean canKill() {
        return false;
    }

    @Override
    public java.time.Instant kill(String region) {
        throw new UnsupportedOperationException("a real region cannot be killed by the drill");
    }

    @Override
    public void revive(String region) {
        // The region never went down.
    }
}
