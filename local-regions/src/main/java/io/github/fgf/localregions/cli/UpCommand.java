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

    @Mixin GrsLagMixin lag;

    @Option(names = "--no-flink", description = "Do not start the Flink session clusters.")
    boolean noFlink;

    @Option(names = "--alias-port", defaultValue = "0", description = "Kafka port of the Geo-DR alias; 0 picks a free one.")
    int aliasPort;

    @Option(names = "--event-hubs", defaultValue = "geo-dr", converter = EventHubsPairingConverter.class,
            description = "How the two namespaces are paired: geo-dr (an alias, metadata only; the default) or geo-replication "
                    + "(one namespace host name, data and consumer offsets replicated into the secondary).")
    LocalRegionsOptions.EventHubsPairing eventHubs;

    /** A typo in the mode is a usage error naming the option, not a failure of the environment. */
    static final class EventHubsPairingConverter implements picocli.CommandLine.ITypeConverter<LocalRegionsOptions.EventHubsPairing> {
        @Override
        public LocalRegionsOptions.EventHubsPairing convert(String value) {
            try {
                return LocalRegionsOptions.EventHubsPairing.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected geo-dr or geo-replication, got '" + value + "'");
            }
        }
    }

    @Option(names = "--replication-lag", defaultValue = "PT2S", converter = DurationConverter.class,
            description = "Geo-Replication only: how far behind the secondary runs (0 allowed). Default: 2s.")
    Duration replicationLag;

    @Override
    public Integer call() {
        LocalRegionsOptions o;
        try {
            o = LocalRegionsOptions.defaults(dir.workDir()).withGrsLag(lag.grsLag()).withFlink(!noFlink)
                    .withAliasPort(aliasPort).withEventHubs(eventHubs, replicationLag);
        } catch (IllegalArgumentException e) {
            // An option out of range (a negative lag) is a usage error that names the option, not a failed environment.
            throw new io.github.fgf.localregions.LocalRegionsException(io.github.fgf.localregions.LocalRegionsException.Reason.BAD_ARGUMENT,
                    e.getMessage());
        }
        Environment env = new LocalRegions(dir.workDir()).up(o);
        var out = spec.commandLine().getOut();
        out.println("Local environment " + env.id() + " is up.");
        out.println(env.alias().geoReplication()
                ? "  namespace host name (Geo-Replication, " + env.alias().replicationLagMillis() + " ms behind; Kafka, SASL PLAIN "
                        + "$ConnectionString): " + env.alias().bootstrap()
                : "  alias (Kafka, SASL PLAIN $ConnectionString): " + env.alias().bootstrap());
        env.regions().values().forEach(r -> out.println("  " + r.name() + ": Kafka " + r.kafka().bootstrap()
                + (r.flink() == null ? "" : ", Flink " + r.flink().restUrl()) + ", storage " + r.storage().uri()));
        out.println("  environment file: " + new LocalRegions(dir.workDir()).environmentFile());
        return LocalRegionsCli.OK;
    }
}
