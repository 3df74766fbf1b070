package io.github.fgf.controller.cli;

import io.github.fgf.controller.act.ControllerStore;
import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.act.FailbackRecord;
import io.github.fgf.controller.act.FailbackRunner;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.geodr.GeoDrClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code failback}: once the old primary is back, drain its stranded events (from the restore
 * point's offsets to its end) into the new primary's hub, then pair again with roles reversed.
 */
@Command(name = "failback", description = "After a failover, once the old primary is back: cancel any job it restarted, copy its "
        + "stranded events (restore point offsets to its end offsets) into the new primary's hub, marked, where the job counts "
        + "each once in its own window; once the job has checkpointed them, release the windows it held (emitted again, "
        + "complete), then pair the alias again with the old primary as secondary. A rerun repeats no step. "
        + "Exit 0 done, 1 failed, 2 no completed failover.")
final class FailbackCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FailbackCommand.class);

    @Mixin ControllerOptions common;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Option(names = "--crash-after", paramLabel = "<step>", hidden = true,
            description = "Drills only: halt the JVM (exit 137) right after this step is recorded: drain, release, pair or close.")
    String crashAfter;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(common.topology);
        ControllerStore store = new ControllerStore(t.secondary().storage().savepoints(), common.stateDir);
        FailoverRecord r = store.read().filter(x -> x.status() == FailoverRecord.Status.DONE || x.status() == FailoverRecord.Status.FAILED_BACK)
                .orElseThrow(() -> new IllegalArgumentException("no completed failover in the record: nothing to fail back"));
        GeoDrClient geoDr = common.geoDr(t);
        if (crashAfter != null && !java.util.List.of(FailbackRunner.DRAIN, FailbackRunner.RELEASE, FailbackRunner.PAIR,
                FailbackRunner.CLOSE).contains(crashAfter)) {
            throw new IllegalArgumentException("--crash-after: expected drain, release, pair or close, got '" + crashAfter + "'");
        }
        FailbackRecord f = new FailbackRunner(t, store, geoDr, Clock.systemUTC(),
                crashAfter == null ? io.github.fgf.controller.act.StepHook.NONE
                        : io.github.fgf.controller.act.StepHook.haltAfter(crashAfter)).run(r, common.controllerId());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("epoch", f.epoch());
            report.put("stranded", f.drained());
            report.put("drained", f.drainedTotal());
            report.put("lostToRetention", f.lostTotal());
            report.put("tooOld", f.tooOld());
            // The failover's estimate beside what was actually found, so the bounds can be judged.
            var estimate = io.github.fgf.controller.report.FailoverReport.of(r);
            report.put("estimatedAtRisk", java.util.Arrays.asList(estimate.eventsAtRisk(), estimate.eventsAtRiskUpperBound()));
            report.put("found", f.drainedTotal() + f.lostTotal());
            if (f.lostInReplication() != null) {
                // Geo-Replication: exactly which offsets of the old primary never reached the new one.
                report.put("lostInReplication", f.lostInReplication());
                report.put("lostInReplicationTotal", f.lostInReplication().values().stream().mapToLong(x -> x.size()).sum());
            }
            report.put("releasedAt", f.releasedAt());
            report.put("alias", geoDr.status());
            out.println(ControllerOptions.JSON.writeValueAsString(report));
        } else {
            out.println("drained " + f.drainedTotal() + " stranded events " + f.drained() + " from " + t.primary().name() + " into "
                    + t.secondary().name() + "; " + f.lostTotal() + " deleted by retention before the drain; " + f.tooOld() + " too old for their windows went to the late hub; windows of epoch "
                    + f.epoch() + " released " + f.releasedAt());
            out.println("alias: " + geoDr.status());
        }
        return FailoverControllerCli.OK;
    }
}
