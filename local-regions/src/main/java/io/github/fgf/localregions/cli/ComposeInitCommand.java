package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.compose.ComposeEnvironment;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.process.PortPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code compose-init}: docker-compose.yml's one-shot service that writes the shared work directory. */
@Command(name = "compose-init", description = "For docker-compose.yml: write environment.json and every server's "
        + "configuration on the compose file's fixed ports, and create the storage containers; start nothing. An existing "
        + "environment in the work directory is kept, with its keys and data.")
final class ComposeInitCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Mixin GrsLagMixin lag;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Environment env = new ComposeEnvironment(dir.workDir(), PortPlan.COMPOSE).init(LocalRegionsOptions.defaults(dir.workDir()).withGrsLag(lag.grsLag()));
        var out = spec.commandLine().getOut();
        out.println("Environment " + env.id() + " is configured for docker-compose in " + dir.workDir() + ".");
        out.println("  alias (Kafka, SASL PLAIN $ConnectionString): " + env.alias().bootstrap());
        env.regions().values().forEach(r -> out.println("  " + r.name() + ": Kafka " + r.kafka().bootstrap()
                + (r.flink() == null ? "" : ", Flink " + r.flink().restUrl()) + ", storage " + r.storage().uri()));
        return LocalRegionsCli.OK;
    }
}
