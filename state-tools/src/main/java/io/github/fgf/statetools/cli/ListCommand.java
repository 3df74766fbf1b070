package io.github.fgf.statetools.cli;

import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.LastSyncTimeSource;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.SnapshotSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code list <dir>}: the savepoints and retained checkpoints under a directory. */
@Command(name = "list", description = "List savepoints and retained checkpoints under a directory. Exit 1 if any is incomplete.")
final class ListCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dir>", description = "file://, wasb(s):// or abfs(s):// directory")
    String dir;

    @Option(names = "--replicated-before", paramLabel = "<ISO-8601>", description = "Mark snapshots completed before this time as replicated.")
    String replicatedBefore;

    @Option(names = "--last-sync-time-from", paramLabel = "<endpoint>",
            description = "Read the Last Sync Time: https://<account>-secondary.blob.core.windows.net, or local:<grs-status.json>.")
    String lastSyncFrom;

    @Override
    public Integer call() throws Exception {
        SnapshotUri uri = SnapshotUri.parse(dir);
        Optional<Instant> before = Optional.empty();
        if (replicatedBefore != null) before = Optional.of(Cli.instant("--replicated-before", replicatedBefore));
        if (lastSyncFrom != null) before = Optional.of(LastSyncTimeSource.read(lastSyncFrom));
        List<SnapshotSummary> list = new Catalog(CommonOptions.reader(uri)).list(uri, before);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(CommonOptions.JSON.writeValueAsString(list));
        } else {
            before.ifPresent(t -> out.println("replicated: completed before " + t));
            out.printf("%-19s %6s %-24s %10s %5s %-8s %-10s %s%n", "TYPE", "ID", "COMPLETED", "BYTES", "FILES", "COMPLETE",
                    "REPLICATED", "PATH");
            for (SnapshotSummary s : list) {
                out.printf("%-19s %6s %-24s %10d %5d %-8s %-10s %s%s%n", s.type(), s.checkpointId() == null ? "-" : s.checkpointId(),
                        s.completedAt(), s.totalBytes(), s.fileCount(), s.complete() ? "yes" : "NO",
                        s.replicated() == null ? "-" : s.replicated() ? "yes" : "no", s.path(),
                        s.problem() == null ? "" : "  (" + s.problem() + ")");
            }
        }
        return list.stream().allMatch(SnapshotSummary::complete) ? Cli.OK : Cli.PROBLEM;
    }
}
