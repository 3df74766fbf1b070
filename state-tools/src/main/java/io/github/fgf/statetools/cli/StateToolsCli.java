package io.github.fgf.statetools.cli;

import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.location.SnapshotUri;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/state-tools <list|inspect|verify|diff|prune|ship>}: the CLI over the snapshot-reading library. */
@Command(name = "state-tools", mixinStandardHelpOptions = true, version = "state-tools 0.1.0",
        description = "Inspect, verify, diff, prune and ship Flink savepoints and checkpoints on file://, wasb(s):// and abfs(s)://.",
        subcommands = {ListCommand.class, InspectCommand.class, VerifyCommand.class, DiffCommand.class, PruneCommand.class,
                ShipCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:problem found", "2:usage or access error"})
public final class StateToolsCli {

    public static final int OK = 0;
    public static final int PROBLEM = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new StateToolsCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("state-tools: " + SnapshotUri.redact(e.getMessage()));
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One line, secrets redacted; the reason decides the exit code.
            commandLine.getErr().println("state-tools: " + SnapshotUri.redact(String.valueOf(e.getMessage())));
            if (e instanceof StateToolsException ste) {
                return ste.reason() == StateToolsException.Reason.PROBLEM ? PROBLEM : USAGE;
            }
            return e instanceof IllegalArgumentException ? USAGE : PROBLEM;
        });
        return cl.execute(args);
    }
}
