package io.github.fgf.controller.cli;

import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.local.LocalEnvironment;
import io.github.fgf.controller.local.LocalTopology;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topology from-env}: a topology for the local environment, from its environment.json. */
@Command(name = "topology", description = "Topology files.", subcommands = TopologyCommand.FromEnv.class)
final class TopologyCommand {

    /** Writes a topology describing the running local environment. */
    @Command(name = "from-env", description = "Write a topology for the local environment described by environment.json.")
    static final class FromEnv implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(names = "--env", required = true, description = "The local environment's environment.json.")
        Path env;

        @Option(names = "--job-jar", defaultValue = "job/target/job-all.jar", description = "The job jar. Default: ${DEFAULT-VALUE}.")
        Path jar;

        @Option(names = "--job-config", description = "A job config file (key: value lines) for every job the controller "
                + "submits: job.args gets --config <file>. The JobManagers read it, so give a path they see.")
        Path jobConfig;

        @Option(names = "--out", required = true, description = "Where to write the topology (owner-only: it holds connection strings).")
        Path out;

        @Override
        public Integer call() throws Exception {
            TopologyFile.write(out, LocalTopology.fromEnvironment(LocalEnvironment.read(env), jar,
                    java.util.Optional.ofNullable(jobConfig)));
            TopologyFile.read(out); // what we write must pass our own validation
            spec.commandLine().getOut().println("wrote " + out);
            return FailoverControllerCli.OK;
        }
    }
}
