package io.github.fgf.controller.cli;

import io.github.fgf.controller.act.ControllerStore;
import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.act.FailoverRunner;
import io.github.fgf.controller.act.WatchLoop;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.observe.EndOffsetsProbe;
import io.github.fgf.controller.observe.Metrics;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code watch [--auto]}: probe, detect, take savepoints, and fail over if asked. */
@Command(name = "watch", description = "Probe the primary every policy.probeInterval; declare loss after policy.failureThreshold "
        + "consecutive failed rounds. Takes NATIVE savepoints every policy.savepointInterval while healthy (pruned by retention "
        + "and age, never the newest restorable). With --auto, fails over on loss; otherwise prints what it would do. "
        + "Metrics in Prometheus text on http://127.0.0.1:<metrics-port>/metrics.")
final class WatchCommand implements Callable<Integer> {

    @Mixin ControllerOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--auto", description = "Fail over when the primary is declared lost.")
    boolean auto;

    @Option(names = "--accept-rpo", description = "With --auto: accept a restore point older than policy.maxRpo.")
    boolean acceptRpo;

    @Option(names = "--metrics-port", defaultValue = "9464", description = "Loopback port for /metrics (0: any free port). Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--no-savepoints", description = "Do not take scheduled savepoints.")
    boolean noSavepoints;

    @Option(names = "--rounds", defaultValue = "9223372036854775807", description = "Stop after this many probe rounds (drills, tests).")
    long rounds;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(common.topology);
        Topology.Region a = t.primary();
        try (Metrics metrics = new Metrics(metricsPort); EndOffsetsProbe hubProbe = common.hubProbe(t, a)) {
            spec.commandLine().getOut().println("watching " + a.name() + "; metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
            ControllerStore store = new ControllerStore(t.secondary().storage().savepoints(), common.stateDir);
            WatchLoop loop = new WatchLoop(t, StatusCommand.inputHub(t), hubProbe,
                    metrics, auto, () -> new FailoverRunner(t, store, common.geoDr(t), Clock.systemUTC(),
                    new FailoverRunner.Options(false, acceptRpo, Optional.empty())), !noSavepoints, common.stateDir);
            Optional<FailoverRecord> r = loop.run(rounds, common.controllerId(), spec.commandLine().getOut());
            if (r.isPresent()) {
                FailoverCommand.print(io.github.fgf.controller.report.FailoverReport.of(r.get()), spec.commandLine().getOut());
                return r.get().status().equals(FailoverRecord.DONE) ? FailoverControllerCli.OK : FailoverControllerCli.FAILED;
            }
            return FailoverControllerCli.OK;
        }
    }
}
