package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code up}: start both regions, the alias and the GRS emulators, then print where things are. */
@Command(name = "up", description = "Start the environment and write <work-dir>/environment.json.")
final class UpCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Option(names = "--grs-lag", defaultValue = "PT5S", converter = DurationConverter.class,
            description = "Age a blob must reach before the GRS emulator copies it (ISO-8601 or 5s/500ms; 0 allowed). Default: 5s.")
    Duration grsLag;

    @Option(names = "--no-flink", description = "Do not start the Flink session clusters.")
    boolean noFlink;

    @Option(names = "--alias-port", defaultValue = "0", description = "Kafka port of the Geo-DR alias; 0 picks a free one.")
    int aliasPort;

    @Override
    public Integer call() {
        LocalRegionsOptions o = LocalRegionsOptions.defaults(dir.workDir()).withGrsLag(grsLag).withFlink(!noFlink)
                .withAliasPort(aliasPort);
        Environment env = new LocalRegions(dir.workDir()).up(o);
        var out = spec.commandLine().getOut();
        out.println("Local environment " + env.id() + " is up.");
        out.println("  alias (Kafka, SASL PLAIN $ConnectionString): " + env.alias().bootstrap());
        env.regions().values().forEach(r -> out.println("  " + r.name() + ": Kafka " + r.kafka().bootstrap()
                + (r.flink() == null ? "" : ", Flink " + r.flink().restUrl()) + ", storage " + r.storage().uri()));
        out.println("  environment file: " + new LocalRegions(dir.workDir()).environmentFile());
        return LocalRegionsCli.OK;
    }
}
