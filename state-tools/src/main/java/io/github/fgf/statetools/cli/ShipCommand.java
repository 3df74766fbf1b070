package io.github.fgf.statetools.cli;

import io.github.fgf.statetools.action.Shipper;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.ShipReport;
import io.github.fgf.statetools.store.SnapshotStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ship <checkpoint> <target-root>}: copy a retained checkpoint elsewhere and relocate its _metadata. */
@Command(name = "ship", description = "Copy a retained checkpoint to <target-root>/<job>/chk-N (only shared files not already there),"
        + " then write a _metadata pointing at the copies, so the checkpoint restores from there.")
final class ShipCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<checkpoint>", description = "checkpoint directory (chk-N) or its _metadata")
    String checkpoint;

    @Parameters(index = "1", paramLabel = "<target-root>", description = "where shipped checkpoints live, e.g. region B's own storage")
    String target;

    @Override
    public Integer call() throws Exception {
        SnapshotUri from = SnapshotUri.parse(checkpoint);
        SnapshotUri to = SnapshotUri.parse(target);
        ShipReport r = new Shipper(CommonOptions.reader(from), SnapshotStore.forUri(to)).ship(from, to);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(CommonOptions.JSON.writeValueAsString(r));
        } else {
            out.println("shipped " + r.source() + " to " + r.target() + ": " + r.filesCopied() + " files copied (" + r.bytesCopied()
                    + " bytes" + (r.serverSideCopy() ? ", server-side" : "") + "), " + r.filesAlreadyThere()
                    + " already there (" + r.bytesAlreadyThere() + " bytes), " + r.millis() + " ms");
        }
        return Cli.OK;
    }
}
