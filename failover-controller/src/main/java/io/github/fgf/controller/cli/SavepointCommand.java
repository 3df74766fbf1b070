package io.github.fgf.controller.cli;

import io.github.fgf.controller.act.SavepointScheduler;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code savepoint}: one NATIVE savepoint of the primary's running job now, then retention pruning. */
@Command(name = "savepoint", description = "Take a NATIVE savepoint of the primary's running job now and prune the savepoint "
        + "directory by policy.savepointRetention and policy.savepointMaxAge, never deleting the newest restorable savepoint. "
        + "Exit 0 done, 1 no running job or the savepoint failed, 2 bad topology.")
final class SavepointCommand implements Callable<Integer> {

    @Mixin ControllerOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(common.topology);
        SavepointScheduler.Result r = new SavepointScheduler(t).takeAndPrune(Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("savepoint", r.savepoint());
            m.put("pruned", r.pruned().deletedSnapshots());
            m.put("protectedRestorePoint", r.protectedRestorePoint().orElse(null));
            out.println(ControllerOptions.JSON.writeValueAsString(m));
        } else {
            out.println("savepoint " + r.savepoint());
            r.pruned().deletedSnapshots().forEach(s -> out.println("pruned " + s));
            r.protectedRestorePoint().ifPresent(p -> out.println("kept the newest restorable savepoint " + p));
        }
        return FailoverControllerCli.OK;
    }
}
