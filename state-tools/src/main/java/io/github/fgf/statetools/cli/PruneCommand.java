package io.github.fgf.statetools.cli;

import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.Pruner;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.PruneReport;
import io.github.fgf.statetools.read.SnapshotReader;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prune <dir> --keep-last N [--keep-within d] [--dry-run]}. */
@Command(name = "prune", description = "Delete old snapshots, never the newest complete one nor a file a kept snapshot references.")
final class PruneCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dir>") String dir;

    @Option(names = "--keep-last", required = true, paramLabel = "N", description = "Complete snapshots to keep (>= 1).")
    int keepLast;

    @Option(names = "--keep-within", paramLabel = "<duration>", description = "Also keep snapshots younger than this (e.g. 1h, PT30M).")
    String keepWithin;

    @Option(names = "--dry-run", description = "Print what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        SnapshotUri uri = SnapshotUri.parse(dir);
        Optional<Duration> within = keepWithin == null ? Optional.empty() : Optional.of(Cli.duration("--keep-within", keepWithin));
        SnapshotReader reader = CommonOptions.reader(uri);
        PruneReport r = new Pruner(new Catalog(reader), reader.store()).prune(uri, keepLast, within, dryRun, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(CommonOptions.JSON.writeValueAsString(r));
        } else {
            String verb = r.dryRun() ? "would delete" : "deleted";
            r.deletedSnapshots().forEach(s -> out.println(verb + " snapshot " + s));
            r.deletedFiles().forEach(f -> out.println(verb + " file " + f));
            out.println("kept " + r.keptSnapshots().size() + " snapshots; " + r.sharedFilesKept()
                    + " files of deleted snapshots kept because a kept snapshot references them");
        }
        return Cli.OK;
    }
}
