package io.github.fgf.controller.cli;

import io.github.fgf.controller.act.LastProbe;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.observe.EndOffsetsProbe;
import io.github.fgf.controller.observe.RegionProbe;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code status}: one probe round of both regions and the alias; records the primary's end offsets. */
@Command(name = "status", description = "Probe both regions once (Flink job and checkpoint age, Event Hubs end offsets, "
        + "Last Sync Time) and the alias. Exit 0 if the primary is healthy, 1 otherwise.")
final class StatusCommand implements Callable<Integer> {

    @Mixin ControllerOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(common.topology);
        String hub = inputHub(t);
        Map<String, Object> out = new LinkedHashMap<>();
        RegionProbe.Result a = probe(t, t.primary(), hub);
        RegionProbe.Result b = probe(t, t.secondary(), hub);
        if (a.endOffsets() != null) LastProbe.write(common.stateDir, a.endOffsets(), java.time.Instant.now());
        out.put("primary", a);
        out.put("secondary", b);
        try {
            out.put("alias", common.geoDr(t).status());
        } catch (RuntimeException e) {
            out.put("alias", "unreachable: " + e.getMessage());
        }
        PrintWriter w = spec.commandLine().getOut();
        if (common.json) {
            w.println(ControllerOptions.JSON.writeValueAsString(out));
        } else {
            for (RegionProbe.Result r : new RegionProbe.Result[] {a, b}) {
                w.printf("%-10s job %s %s, last checkpoint %s ms ago, end offsets %s (last enqueued %s), Last Sync Time %s%s%n",
                        r.region(), r.jobName(), r.jobState(), r.lastCheckpointAgeMillis(), r.endOffsets(), r.lastEnqueuedTime(),
                        r.lastSyncTime(),
                        r.failures().isEmpty() ? "" : ", FAILING: " + r.failures());
            }
            w.println("alias: " + out.get("alias"));
        }
        return a.healthy() ? FailoverControllerCli.OK : FailoverControllerCli.FAILED;
    }

    private RegionProbe.Result probe(Topology t, Topology.Region r, String hub) {
        try (EndOffsetsProbe probe = common.hubProbe(t, r)) {
            return RegionProbe.probe(r, hub, probe);
        }
    }

    static String inputHub(Topology t) {
        return t.job().arg("--hubs.input", "telemetry");
    }
}
