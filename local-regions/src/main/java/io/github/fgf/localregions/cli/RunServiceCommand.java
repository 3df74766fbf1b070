package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.compose.ComposeEnvironment;
import io.github.fgf.localregions.process.PortPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code run-service <name>}: one server of the environment in the foreground, for a docker-compose service. */
@Command(name = "run-service", description = "For docker-compose.yml: run one server of the environment in the "
        + "foreground (logging to stdout) with the command up would start it with, until it exits or is stopped. Services: "
        + "alias, and per region kafka-<region>, grs-<region>, flink-jobmanager-<region>, flink-taskmanager-<region>.")
final class RunServiceCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;

    @Parameters(index = "0", paramLabel = "<service>", description = "The server to run, e.g. kafka-primary.")
    String service;

    @Override
    public Integer call() throws Exception {
        return new ComposeEnvironment(dir.workDir(), PortPlan.COMPOSE).runService(service);
    }
}
