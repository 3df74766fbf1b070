package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code create-hubs <name>...}: event hubs in the namespace the alias points at (the partner gets them by Geo-DR metadata sync). */
@Command(name = "create-hubs", description = "Create event hubs (Kafka topics) in the namespace the alias points at; "
        + "existing ones are left as they are. While paired, the partner namespace gets them too.")
final class CreateHubsCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per hub. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Parameters(paramLabel = "<name>", arity = "1..*", description = "Hub names.")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        Environment env = new LocalRegions(dir.workDir()).environment();
        try (Admin admin = Admin.create(KafkaBrokerLauncher.clientProperties(env.alias().bootstrap(), env.alias().connectionString()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) admin.createTopics(missing).all().get();
            spec.commandLine().getOut().println("hubs " + names + " exist (" + missing.size() + " created)");
        }
        return LocalRegionsCli.OK;
    }
}
