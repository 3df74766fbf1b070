package io.github.fgf.controller.cli;

import io.github.fgf.controller.act.ControllerStore;
import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.act.FailoverRunner;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.report.FailoverReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failover [--planned]}: a failover to the secondary, resumable and fenced by a lease. */
@Command(name = "failover", description = "Fail over to the secondary now. Forced (default): fence, promote the alias, "
        + "choose the replicated restore point, submit, verify, report. Planned: promote, drain, stop with a savepoint, wait for "
        + "replication, then choose, submit, verify. Run it again after a crash and it finishes the same failover. "
        + "Exit 0 done, 1 refused or failed, 2 bad topology, 4 another controller holds the lease.")
final class FailoverCommand implements Callable<Integer> {

    @Mixin ControllerOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--accept-rpo", description = "Accept a restore point older than policy.maxRpo.")
    boolean acceptRpo;

    @Option(names = "--planned", description = "Planned (lossless): promote the alias, let the primary's job drain its hub, "
            + "stop it with a savepoint, wait until that savepoint replicates, then restore it in the secondary.")
    boolean planned;

    @Option(names = "--crash-after", paramLabel = "<step>", hidden = true,
            description = "Drills: halt the JVM right after this step (choose, fence, promote, submit, verify; planned: promote, drain, "
                    + "stop, replicate, choose, submit, verify; Geo-Replication adds position after promote, or after choose when planned).")
    FailoverRecord.Step crashAfter;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(common.topology);
        ControllerStore store = new ControllerStore(t.secondary().storage().savepoints(), common.stateDir);
        FailoverRecord r = new FailoverRunner(t, store, common.geoDr(t), Clock.systemUTC(),
                new FailoverRunner.Options(planned, acceptRpo, Optional.ofNullable(crashAfter))).run(common.controllerId());
        FailoverReport report = FailoverReport.of(r);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(ControllerOptions.JSON.writeValueAsString(report));
        } else {
            print(report, out);
        }
        return r.status() == FailoverRecord.Status.DONE ? FailoverControllerCli.OK : FailoverControllerCli.FAILED;
    }

    static void print(FailoverReport r, PrintWriter out) {
        out.printf("failover %s epoch %d: %s%s%n", r.id(), r.epoch(), r.status(), r.reason() == null ? "" : " (" + r.reason() + ")");
        out.printf("  declared %s%n", r.declaredAt());
        r.steps().forEach((k, v) -> out.printf("  %-8s %s%n", k, v));
        out.printf("  RTO %s, state RPO %s (from %s), events at risk %s%s (%s)%n", ms(r.rtoMillis()), ms(r.stateRpoMillis()),
                r.stateRpoFrom(), r.eventsAtRisk() == null ? "?" : r.eventsAtRisk(),
                r.eventsAtRiskUpperBound() == null ? "" : " to " + r.eventsAtRiskUpperBound(), r.eventsAtRiskNote());
        out.printf("  restore point %s (written %s)%n", r.restorePoint(), r.restorePointCompletedAt());
        r.rejected().forEach(x -> out.printf("  rejected %s: %s%n", x.get("path"), x.get("reason")));
    }

    private static String ms(Long millis) {
        return millis == null ? "?" : String.format("%.1f s", millis / 1000.0);
    }
}
