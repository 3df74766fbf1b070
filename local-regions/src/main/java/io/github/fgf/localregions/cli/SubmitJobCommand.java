package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code submit-job}: upload a jar to a region's Flink cluster and run it. Program arguments may
 * hold placeholders filled from environment.json, so connection strings never pass through the
 * shell or the process list.
 */
@Command(name = "submit-job", description = "Upload a job jar to a region's Flink session cluster and run it. "
        + "Placeholders in program arguments: {alias.connection-string}, {alias.bootstrap}, {region.connection-string}, "
        + "{region.bootstrap}, {region.namespace}, {region.checkpoints}, {region.savepoints}, {region.name}.")
final class SubmitJobCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Option(names = "--jar", required = true, description = "The job jar (e.g. job/target/job-all.jar).")
    Path jar;

    @Option(names = "--entry-class", description = "Main class; default: the jar's manifest.")
    String entryClass;

    @Option(names = "--region", defaultValue = "primary", description = "Region whose cluster runs the job. Default: primary.")
    String region;

    @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism. Default: 1.")
    int parallelism;

    @Option(names = "--unless-running", description = "Do nothing (exit 0) if a job runs on any region's cluster already, "
            + "or the alias points at another region: docker-compose.yml's job service runs again on every 'up', and after a "
            + "failover the job runs in the other region.")
    boolean unlessRunning;

    @Parameters(paramLabel = "<arg>", description = "Program arguments, after '--'.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Environment env = new LocalRegions(dir.workDir()).environment();
        Environment.Region r = env.region(region);
        if (unlessRunning) {
            // After a failover, a job started afresh in the old primary would read nothing new and hold no state.
            var pairing = new io.github.fgf.localregions.alias.AliasClient(env.alias().controlUrl()).status();
            if (pairing == null) {
                throw new io.github.fgf.localregions.LocalRegionsException(io.github.fgf.localregions.LocalRegionsException.Reason.NOT_RUNNING,
                        "the alias does not answer on " + env.alias().controlUrl() + "; is the environment running?");
            }
            if (!region.equals(pairing.activeRegion())) {
                spec.commandLine().getOut().println("Not submitting: the alias points at region " + pairing.activeRegion()
                        + ", not " + region + " (after a failover; fail back first)");
                return LocalRegionsCli.OK;
            }
            for (Environment.Region any : env.regions().values()) {
                if (any.flink() == null) continue;
                var running = new FlinkJobs(any.flink().restUrl()).jobs().stream().filter(j -> !j.terminal()).findFirst();
                if (running.isPresent()) {
                    spec.commandLine().getOut().println("Not submitting: job " + running.get().id() + " (" + running.get().name()
                            + ") is " + running.get().state() + " in region " + any.name());
                    return LocalRegionsCli.OK;
                }
            }
        }
        Map<String, String> values = Map.of(
                // The file, not the secret: program arguments show in Flink's UI and REST API.
                "{alias.connection-string-file}", secretFile(env).toString(),
                "{alias.connection-string}", env.alias().connectionString(),
                "{alias.bootstrap}", env.alias().bootstrap(),
                "{region.connection-string}", r.kafka().connectionString(),
                "{region.bootstrap}", r.kafka().bootstrap(),
                "{region.namespace}", r.namespace(),
                "{region.checkpoints}", r.storage().checkpointsUri(),
                "{region.savepoints}", r.storage().savepointsUri(),
                "{region.name}", r.name());
        List<String> resolved = args.stream().map(a -> {
            String out = a;
            for (var e : values.entrySet()) out = out.replace(e.getKey(), e.getValue());
            return out;
        }).toList();
        String jobId = new LocalRegions(dir.workDir()).submitJob(region, jar, entryClass, resolved, parallelism);
        spec.commandLine().getOut().println("Submitted job " + jobId + " to region " + region + " ("
                + r.flink().restUrl() + "/#/job/running/" + jobId + ")");
        return LocalRegionsCli.OK;
    }

    /** The alias' connection string in an owner-only file of the work dir (the one {@code topology from-env} names too). */
    private java.nio.file.Path secretFile(Environment env) throws java.io.IOException {
        java.nio.file.Path f = dir.workDir().toAbsolutePath().resolve("alias-connection-string");
        java.nio.file.Files.deleteIfExists(f);
        java.nio.file.Files.createFile(f, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.nio.file.Files.writeString(f, env.alias().connectionString());
        return f;
    }
}
