package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code revive-region <region>}: the outage ends. */
@Command(name = "revive-region", description = "Restart a killed region on its old ports: the broker with its "
        + "Event Hubs data, a fresh Flink cluster, the GRS emulator, and an empty primary container; with --restart-jobs, "
        + "as a region with Flink HA comes back: its container with the data it had, and every job submitted there with "
        + "submit-job restarted from its latest retained checkpoint.")
final class ReviveRegionCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<region>", description = "primary or secondary")
    String region;

    @Option(names = "--restart-jobs", description = "Come back as Flink HA would: storage with its data, jobs restarted "
            + "from their latest retained checkpoint.")
    boolean restartJobs;

    @Override
    public Integer call() {
        new LocalRegions(dir.workDir()).reviveRegion(region, LocalRegionsOptions.defaults(dir.workDir()), restartJobs);
        spec.commandLine().getOut().println("Region " + region + " revived.");
        return LocalRegionsCli.OK;
    }
}
