package io.github.fgf.controller.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/failover-controller}: the entry point the controller's verbs (status, watch,
 * failover, failback, savepoint) hang from once the controller issue lands.
 */
@Command(name = "failover-controller", mixinStandardHelpOptions = true, version = "failover-controller 0.1.0",
        description = "Detect region loss and restart the job in the secondary region from a replicated savepoint.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the action failed or was refused", "2:usage or configuration error"})
public final class FailoverControllerCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FailoverControllerCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("failover-controller: " + e.getMessage());
            return USAGE;
        });
        return cl.execute(args);
    }
}
