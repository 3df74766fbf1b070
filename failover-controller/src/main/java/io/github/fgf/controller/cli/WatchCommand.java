package io.github.fgf.controller.cli;

import java.time.Duration;

import io.github.fgf.controller.act.Collaborators;
import io.github.fgf.controller.act.SavepointScheduler;
import io.github.fgf.controller.act.CheckpointShipper;
import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.controller.observe.GeoSecondaryRestorePoints;
import io.github.fgf.controller.observe.RegionProbe;
import io.github.fgf.controller.observe.RestorePoints;

import io.github.fgf.controller.act.ControllerStore;
import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.act.FailoverRunner;
import io.github.fgf.controller.act.WatchEvent;
import io.github.fgf.controller.act.WatchLoop;
import io.github.fgf.controller.report.FailoverReport;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.function.Consumer;
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

    @Option(names = "--no-shipping", description = "Do not ship checkpoints, even if primary.storage.shipCheckpointsTo is set.")
    boolean noShipping;

    @Option(names = "--rounds", defaultValue = "9223372036854775807", description = "Stop after this many probe rounds (drills, tests).")
    long rounds;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(common.topology);
        Topology.Region a = t.primary();
        try (Metrics metrics = new Metrics(metricsPort); EndOffsetsProbe hubProbe = common.hubProbe(t, a);
             EndOffsetsProbe secondaryHub = common.hubProbe(t, t.secondary())) {
            PrintWriter out = spec.commandLine().getOut();
            if (!common.json) out.println("watching " + a.name() + "; metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
            ControllerStore store = new ControllerStore(t.secondary().storage().savepoints(), common.stateDir);
            // One view of the restore points for the loop's gauge, the savepoint scheduler and the failover's choice:
            // each savepoint is read once.
            RestorePoints restorePoints = new GeoSecondaryRestorePoints(t);
            Duration deadline = WatchLoop.probeTimeout(t.policy());
            WatchLoop loop = new WatchLoop(t, RegionProbe.of(a, StatusCommand.inputHub(t), hubProbe, deadline),
                    Optional.of(RegionProbe.of(t.secondary(), StatusCommand.inputHub(t), secondaryHub, deadline)), restorePoints, metrics, auto, () -> new FailoverRunner(t,
                    Collaborators.production(t, store, common.geoDr(t), Clock.systemUTC()).withRestorePoints(restorePoints),
                    new FailoverRunner.Options(false, acceptRpo, Optional.empty())),
                    noSavepoints ? null : new SavepointScheduler(t, FlinkClients.rest(), restorePoints), common.stateDir)
                    .withSecondaryStore(store);
            if (t.primary().storage().shipsCheckpoints() && !noShipping) loop.withShipper(new CheckpointShipper(t));
            loop.withStandby(FlinkClients.rest().of(t.secondary()));
            Optional<FailoverRecord> r = loop.run(rounds, common.controllerId(), common.json ? jsonLines(out) : text(out, t));
            if (r.isPresent()) {
                FailoverReport report = FailoverReport.of(r.get());
                if (common.json) {
                    out.println(ControllerOptions.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
                } else {
                    FailoverCommand.print(report, out);
                }
                return r.get().status() == FailoverRecord.Status.DONE ? FailoverControllerCli.OK : FailoverControllerCli.FAILED;
            }
            return FailoverControllerCli.OK;
        }
    }

    /** Every event as one JSON line, for log shippers and scripts. */
    static Consumer<WatchEvent> jsonLines(PrintWriter out) {
        var writer = ControllerOptions.JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
        return e -> {
            try {
                out.println(writer.writeValueAsString(e));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
            out.flush();
        };
    }

    /** Only what an operator acts on: savepoints taken, and the primary declared lost. */
    static Consumer<WatchEvent> text(PrintWriter out, Topology t) {
        return e -> {
            switch (e.type()) {
                case SAVEPOINT -> out.println("savepoint " + e.savepoint() + "; pruned " + e.pruned());
                case SAVEPOINT_FAILED -> out.println("savepoint failed: " + e.reason());
                case LOST -> out.println("region " + e.region() + " is LOST (" + e.reason() + "); would fail over to "
                        + t.secondary().name() + " now; run 'failover' or watch with --auto");
                case FAILING_OVER -> out.println("region " + e.region() + " is LOST (" + e.reason() + "); failing over to "
                        + t.secondary().name());
                case CHECKPOINT_SHIPPED -> out.println("checkpoint " + e.shipment().report().checkpointId() + " shipped to "
                        + e.shipment().report().target() + ": " + e.shipment().report().bytesCopied() + " bytes new, "
                        + e.shipment().report().millis() + " ms; " + e.shipment().bytesPerHour() + " bytes/h");
                case SHIPPING_FAILED -> out.println("checkpoint shipping failed: " + e.reason());
                case ROUND -> { }
            }
            out.flush();
        };
    }
}
