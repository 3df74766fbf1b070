package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reset}: the running environment as {@code up} left it, for the next drill, without restarting what runs. */
@Command(name = "reset", description = "Bring a running environment back to where up left it: revive killed regions, "
        + "cancel every job, empty each region's storage and restart its GRS emulator with --grs-lag, point the alias at "
        + "the primary again, paired with the secondary, and enable sends on every hub. Event Hubs hubs and their records stay.")
final class ResetCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Mixin GrsLagMixin lag;

    @Option(names = "--event-hubs", converter = UpCommand.EventHubsPairingConverter.class,
            description = "Switch the pairing: geo-dr or geo-replication (only the alias process restarts). Default: keep it.")
    LocalRegionsOptions.EventHubsPairing eventHubs;

    @Option(names = "--replication-lag", converter = DurationConverter.class,
            description = "With --event-hubs geo-replication: how far behind the secondary runs. Default: 2s.")
    Duration replicationLag;

    @Override
    public Integer call() {
        LocalRegionsOptions o = LocalRegionsOptions.defaults(dir.workDir()).withGrsLag(lag.grsLag());
        if (eventHubs != null) {
            try {
                o = o.withEventHubs(eventHubs, replicationLag == null ? LocalRegionsOptions.DEFAULT_REPLICATION_LAG : replicationLag);
            } catch (IllegalArgumentException e) {
                throw new io.github.fgf.localregions.LocalRegionsException(io.github.fgf.localregions.LocalRegionsException.Reason.BAD_ARGUMENT,
                        e.getMessage());
            }
        } else if (replicationLag != null) {
            throw new io.github.fgf.localregions.LocalRegionsException(io.github.fgf.localregions.LocalRegionsException.Reason.BAD_ARGUMENT,
                    "--replication-lag needs --event-hubs geo-replication");
        }
        var env = new LocalRegions(dir.workDir()).reset(o, eventHubs != null);
        spec.commandLine().getOut().println("Local environment " + env.id() + " is reset.");
        return LocalRegionsCli.OK;
    }
}
