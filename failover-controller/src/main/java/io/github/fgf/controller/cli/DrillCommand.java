package io.github.fgf.controller.cli;

import io.github.fgf.controller.drill.DrillEnvironment;
import io.github.fgf.controller.drill.DrillOptions;
import io.github.fgf.controller.drill.DrillReport;
import io.github.fgf.controller.drill.DrillRun;
import io.github.fgf.controller.drill.DrillSummary;
import io.github.fgf.controller.drill.LiveProgress;
import io.github.fgf.controller.local.LocalDrillEnvironment;
import io.github.fgf.controller.local.LocalRegionsCommands;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drill}: a DR drill on the local environment, measured, audited window by window, reported and charted. */
@Command(name = "drill", description = "Run a DR drill on the local two-region environment (bin/local-regions up first): the job "
        + "in the primary with a producer of the same devices sending through the alias throughout, a forced failover (the "
        + "primary killed at a point of the savepoint cycle; watch --auto detects it and fails over; then revive and "
        + "failback) or a planned one, and every window of the output audited against the acknowledged events. Writes "
        + "drill-report.json, drill-report.md and drill-timeline.png per run. Exit 0: every run exact and every target met; "
        + "1: a run's output was wrong or its failover failed; 3: exact, but a target was missed.")
final class DrillCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DrillCommand.class);

    static final int TARGET_MISSED = 3;

    @Spec CommandSpec spec;

    @Option(names = "--planned", description = "A planned failover instead of a region loss.")
    boolean planned;

    @Option(names = "--kill-after-savepoint", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Forced: kill the primary this long after a savepoint. Default: a random point of the savepoint interval.")
    Duration killAfterSavepoint;

    @Option(names = "--random-kill", description = "Forced: kill at a random point of the savepoint interval, a new one each run (the default).")
    boolean randomKill;

    @Option(names = "--no-failback", description = "Forced: leave the lost region down. Its stranded events then count as lost, "
            + "and the windows that lack them stay partial, as a consumer sees them until a failback.")
    boolean noFailback;

    @Option(names = "--repeat", defaultValue = "1", description = "Runs, one after another, each on a reset environment. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--devices", defaultValue = "40", description = "Devices sending, keyed over every partition. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "Each device sends one event per interval. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--baseline", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long the job runs in the primary before the failure. Default: ${DEFAULT-VALUE}.")
    Duration baseline;

    @Option(names = "--after-failover", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long the producer keeps sending once the job runs in the secondary. Default: ${DEFAULT-VALUE}.")
    Duration afterFailover;

    @Option(names = "--grs-lag", defaultValue = "5s", converter = DurationConverter.class,
            description = "Local: the GRS emulator's lag (how far the geo-secondary copy trails). Default: ${DEFAULT-VALUE}.")
    Duration grsLag;

    @Option(names = "--event-hubs", defaultValue = "geo-dr",
            description = "Local: how the namespaces are paired for the drill: geo-dr (a Geo-DR alias) or geo-replication (a "
                    + "Geo-Replication namespace; the source resumes at the restore point's offsets). Default: ${DEFAULT-VALUE}.")
    String eventHubs;

    @Option(names = "--replication-lag", defaultValue = "2s", converter = DurationConverter.class,
            description = "Local, with --event-hubs geo-replication: how far the secondary runs behind. Default: ${DEFAULT-VALUE}.")
    Duration replicationLag;

    @Option(names = "--no-shipping", description = "Do not ship checkpoints: restore points are replicated savepoints only, "
            + "as before checkpoint shipping.")
    boolean noShipping;

    @Option(names = "--savepoint-interval", defaultValue = "15s", converter = DurationConverter.class,
            description = "policy.savepointInterval of the drill's topology. Default: ${DEFAULT-VALUE}.")
    Duration savepointInterval;

    @Option(names = "--probe-interval", converter = DurationConverter.class,
            description = "Local: policy.probeInterval of the drill's topology (detection takes about failureThreshold times "
                    + "it). Default: the policy's default, as a deployment with the default policy detects a loss.")
    Duration probeInterval;

    @Option(names = "--target-rto-first-output", defaultValue = "90s", converter = DurationConverter.class,
            description = "Target: loss to the secondary's first output (the first window to close there, up to a window after "
                    + "its job runs). Default: ${DEFAULT-VALUE}.")
    Duration targetFirstOutput;

    @Option(names = "--target-rto-caught-up", defaultValue = "120s", converter = DurationConverter.class,
            description = "Target: loss until the output has caught up with the input. Default: ${DEFAULT-VALUE}.")
    Duration targetCaughtUp;

    @Option(names = "--target-rpo", defaultValue = "30s", converter = DurationConverter.class,
            description = "Target: state RPO. Default: ${DEFAULT-VALUE}.")
    Duration targetRpo;

    @Option(names = "--report-dir", defaultValue = "target/drill", description = "Where each run's reports go (a directory per run). Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--seed", description = "Seed of the backlog and of the random kill points. Default: the time.")
    Long seed;

    @Option(names = "--topology", paramLabel = "<file>", description = "Drill a real deployment from its topology file instead of the "
            + "local environment: the job must run in the primary; a forced drill starts the failover itself (nothing kills a real region).")
    Path topology;

    @Option(names = "--local-regions", paramLabel = "<launcher>", description = "bin/local-regions of the project. Default: the one beside this launcher.")
    Path launcher;

    @Option(names = "--local-dir", paramLabel = "<dir>", description = "The local environment's directory. Default: $FGF_LOCAL_REGIONS_DIR or .local-regions.")
    Path localDir;

    @Option(names = "--job-jar", paramLabel = "<jar>", description = "The job's shaded jar. Default: job/target/job-all.jar of the project.")
    Path jobJar;

    @Option(names = "--json", description = "Print the summary as JSON (progress goes to stderr).")
    boolean json;

    private DrillEnvironment local() {
        Path home = Path.of(System.getProperty("fgf.home", "."));
        LocalRegionsCommands commands = new LocalRegionsCommands(launcher != null ? launcher : LocalRegionsCommands.defaultLauncher(),
                localDir != null ? localDir : LocalRegionsCommands.defaultWorkDir(), reportDir.resolve("local-regions.log"));
        return new LocalDrillEnvironment(commands, jobJar != null ? jobJar : home.resolve("job/target/job-all.jar"));
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        if (planned && (killAfterSavepoint != null || randomKill)) {
            throw new IllegalArgumentException("--kill-after-savepoint and --random-kill are for forced drills, not --planned");
        }
        if (topology != null && probeInterval != null) {
            throw new IllegalArgumentException("--probe-interval is for the local environment; a deployment's drill probes "
                    + "as its topology's policy.probeInterval says");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DrillEnvironment env = topology != null ? new io.github.fgf.controller.drill.DeployedDrillEnvironment(topology) : local();
        long baseSeed = seed != null ? seed : System.currentTimeMillis();
        String batch = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(Clock.systemUTC().instant());
        List<DrillRun.Outcome> runs = new ArrayList<>();
        java.util.Map<String, String> aborted = new java.util.LinkedHashMap<>();
        DrillOptions.Targets targets = new DrillOptions.Targets(targetFirstOutput, targetCaughtUp, targetRpo);
        try (LiveProgress progress = new LiveProgress(json ? err : out, Clock.systemUTC(), List.of("primary", "secondary"),
                System.console() != null && !json, Duration.ofSeconds(5))) {
            for (int i = 1; i <= repeat; i++) {
                DrillOptions o = new DrillOptions(planned, Optional.ofNullable(killAfterSavepoint), !noFailback, devices, interval, baseline,
                        afterFailover, savepointInterval, reportDir, targets, baseSeed + i, grsLag, !noShipping, eventHubs, replicationLag,
                        probeInterval);
                String runId = batch + (repeat > 1 ? "-" + i : "");
                try {
                    runs.add(new DrillRun(env, o, Clock.systemUTC(), progress).run(runId));
                } catch (DrillRun.Unsafe e) {
                    throw e;
                } catch (Exception e) {
                    // A failover that fails is a finding of the matrix, not its end: record it and go on.
                    LOG.info("Drill {} failed before its audit: {}", runId, e.getMessage());
                    aborted.put(runId, String.valueOf(e.getMessage()));
                }
            }
        }
        DrillSummary summary = DrillSummary.of(runs, aborted, targets);
        if (json) {
            out.println(ControllerOptions.JSON.writeValueAsString(summary));
        } else {
            for (DrillRun.Outcome r : runs) {
                out.println();
                out.println("drill " + r.result().runId() + " (" + r.result().mode() + "): " + r.result().verdict(targets));
                out.print(DrillReport.table(r.result().figures(targets)));
                out.println("report: " + r.reports().markdown() + " (JSON: " + r.reports().json() + ")");
                out.println("chart:  " + r.reports().chart());
            }
            aborted.forEach((id, why) -> out.println("\ndrill " + id + ": FAILED before its audit: " + why));
            if (repeat > 1) out.println(summary.text());
        }
        out.flush();
        if (!aborted.isEmpty() || !summary.allExact() || !summary.allFailedOver()) return FailoverControllerCli.FAILED;
        return summary.allTargetsMet() ? FailoverControllerCli.OK : TARGET_MISSED;
    }
}
