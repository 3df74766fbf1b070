package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegionsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/local-regions up | status [--json] | kill-region <region> | revive-region <region> | down}. */
@Command(name = "local-regions", mixinStandardHelpOptions = true, version = "local-regions 0.1.0",
        description = "Start and stop the local two-region environment: Azurite, a Kafka broker per region, "
                + "the Geo-DR alias, a Flink session cluster per region and the GRS emulator.",
        subcommands = {UpCommand.class, StatusCommand.class, KillRegionCommand.class, ReviveRegionCommand.class, ResetCommand.class, CreateHubsCommand.class, SubmitJobCommand.class, ComposeInitCommand.class, RunServiceCommand.class,
                DownCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the environment failed (a process died, a timeout, a port in use)",
                "2:usage error or no environment"})
public final class LocalRegionsCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new LocalRegionsCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("local-regions: " + message(e));
            if (e instanceof LocalRegionsException lre) {
                return switch (lre.reason()) {
                    case NOT_RUNNING, BAD_ARGUMENT, ALREADY_RUNNING -> USAGE;
                    default -> FAILED;
                };
            }
            return FAILED;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("local-regions: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'local-regions " + e.getCommandLine().getCommandName() + " --help'.");
            return USAGE;
        });
        return cl.execute(args);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
