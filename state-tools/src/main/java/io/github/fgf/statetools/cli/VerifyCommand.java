package io.github.fgf.statetools.cli;

import io.github.fgf.statetools.action.Verifier;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.VerifyReport;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify <path> [--base <uri>]}: is the snapshot restorable? */
@Command(name = "verify", description = "Check that every file _metadata references exists with its size. Exit 0 only if restorable.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<path>", description = "snapshot directory or its _metadata")
    String path;

    @Option(names = "--base", paramLabel = "<uri>",
            description = "Look for files missing at their recorded location at the same path under this location.")
    String base;

    @Override
    public Integer call() throws Exception {
        SnapshotUri uri = SnapshotUri.parse(path);
        Optional<SnapshotUri> b = base == null ? Optional.empty() : Optional.of(SnapshotUri.parse(base));
        VerifyReport r = new Verifier(CommonOptions.reader(uri), common.names()).verify(uri, b);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(CommonOptions.JSON.writeValueAsString(r));
        } else {
            r.problems().forEach(p -> out.println(p.kind() + ": " + p.file() + " (" + p.detail() + ")"));
            out.println((r.restorable() ? "restorable: " : "NOT restorable: ") + r.path() + " (" + r.filesChecked()
                    + " referenced files checked, " + r.problems().size() + " problems)");
        }
        return r.restorable() ? Cli.OK : Cli.PROBLEM;
    }
}
