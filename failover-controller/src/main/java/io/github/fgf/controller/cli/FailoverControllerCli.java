package io.github.fgf.controller.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/failover-controller}: topology from-env, status, watch [--auto], restore-point,
 * failover [--planned], failback, savepoint and drill.
 */
@Command(name = "failover-controller", mixinStandardHelpOptions = true, version = "failover-controller 0.1.0",
        description = "Detect region loss and restart the job in the secondary region from a replicated savepoint.",
        subcommands = {TopologyCommand.class, StatusCommand.class, WatchCommand.class, RestorePointCommand.class, FailoverCommand.class,
                FailbackCommand.class, SavepointCommand.class, DrillCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the action failed or was refused", "2:usage or configuration error",
                "3:drill only: the output was exact, but a figure missed its target",
                "4:another controller holds the failover lease"})
public final class FailoverControllerCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int LEASE_HELD = 4;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FailoverControllerCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("failover-controller: " + e.getMessage());
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("failover-controller: " + io.github.fgf.statetools.location.SnapshotUri.redact(
                    String.valueOf(e.getMessage())));
            if (e instanceof io.github.fgf.controller.config.TopologyException) return USAGE;
            if (e instanceof io.github.fgf.controller.act.Lease.HeldException
                    || e instanceof io.github.fgf.controller.act.Lease.LostException) return LEASE_HELD;
            if (e instanceof io.github.fgf.statetools.StateToolsException ste
                    && ste.reason() != io.github.fgf.statetools.StateToolsException.Reason.PROBLEM) return USAGE;
            return FAILED;
        });
        return cl.execute(args);
    }
}
