package io.github.fgf.statetools.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/state-tools}: the CLI over the snapshot-reading library. The verbs (list, inspect,
 * verify, diff, prune) arrive with the state-tools issue; this is the entry point they hang from.
 */
@Command(name = "state-tools", mixinStandardHelpOptions = true, version = "state-tools 0.1.0",
        description = "Inspect, verify, diff and prune Flink savepoints and checkpoints.",
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
            e.getCommandLine().getErr().println("state-tools: " + e.getMessage());
            return USAGE;
        });
        return cl.execute(args);
    }
}
