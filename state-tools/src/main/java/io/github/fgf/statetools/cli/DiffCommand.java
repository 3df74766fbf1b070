package io.github.fgf.statetools.cli;

import io.github.fgf.statetools.action.Differ;
import io.github.fgf.statetools.action.Inspector;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.DiffReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diff <a> <b>}: what changed between two snapshots. */
@Command(name = "diff", description = "Per-partition offset and time progress, operators added or removed, state size change.")
final class DiffCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<a>") String a;
    @Parameters(index = "1", paramLabel = "<b>") String b;

    @Override
    public Integer call() throws Exception {
        SnapshotUri ua = SnapshotUri.parse(a);
        SnapshotUri ub = SnapshotUri.parse(b);
        DiffReport d = Differ.diff(new Inspector(CommonOptions.reader(ua), common.names()).inspect(ua),
                new Inspector(CommonOptions.reader(ub), common.names()).inspect(ub));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(CommonOptions.JSON.writeValueAsString(d));
            return Cli.OK;
        }
        out.printf("a: %s%nb: %s%n%n%-28s %5s %10s %10s %8s %14s%n", d.a(), d.b(), "TOPIC", "PART", "OFFSET A", "OFFSET B",
                "DELTA", "PROGRESS DELTA");
        d.partitions().forEach(p -> out.printf("%-28s %5d %10s %10s %8s %14s%n", p.topic(), p.partition(), p.offsetA(), p.offsetB(),
                p.offsetDelta(), p.progressDeltaMillis() == null ? null : p.progressDeltaMillis() + " ms"));
        out.printf("%noperators added: %s%noperators removed: %s%nstate bytes: %d -> %d (%+d)%n", d.operatorsAdded(),
                d.operatorsRemoved(), d.stateSizeA(), d.stateSizeB(), d.stateSizeB() - d.stateSizeA());
        return Cli.OK;
    }
}
