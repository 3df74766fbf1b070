package io.github.fgf.controller.cli;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.decide.RestorePointDecision;
import io.github.fgf.controller.decide.RestorePointSelector;
import io.github.fgf.controller.observe.RestorePointObserver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code restore-point}: which savepoint a failover would restore now, and why every other one
 * would be rejected. Changes nothing: for drills and for watching the RPO.
 */
@Command(name = "restore-point", description = "Show the restore point a failover would choose now, with the reasons. "
        + "Exit 0 if one is chosen, 1 if failover would be refused.")
final class RestorePointCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--topology", required = true, description = "The topology file.")
    Path topology;

    @Option(names = "--accept-rpo", description = "Accept a restore point older than policy.maxRpo.")
    boolean acceptRpo;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(topology);
        RestorePointObserver.Observation o = new io.github.fgf.controller.observe.GeoSecondaryRestorePoints(t).observe();
        RestorePointDecision d = RestorePointSelector.select(o.candidates(), o.lastSyncTime(), o.observedAt(),
                t.policy().maxRpo(), acceptRpo);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ControllerOptions.JSON.writeValueAsString(d));
        } else {
            long shipped = o.candidates().stream().filter(c -> c.kind() == io.github.fgf.controller.decide.RestorePointCandidate.Kind.SHIPPED_CHECKPOINT).count();
            out.println("Last Sync Time " + o.lastSyncTime() + ", " + (o.candidates().size() - shipped) + " savepoints and " + shipped
                    + " shipped checkpoints on the secondary");
            out.println((d.refused() ? "REFUSED: " : "chosen: " + d.chosen().get().path() + "\n  because ") + d.reason());
            d.rejected().forEach(r -> out.println("rejected: " + r.path() + "\n  because " + r.reason()));
        }
        return d.refused() ? FailoverControllerCli.FAILED : FailoverControllerCli.OK;
    }
}
