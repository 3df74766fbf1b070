package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code revive-region <region>}: the outage ends. */
@Command(name = "revive-region", description = "Restart a killed region on its old ports: the broker with its "
        + "Event Hubs data, a fresh Flink cluster, the GRS emulator, and an empty primary container.")
final class ReviveRegionCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<region>", description = "primary or secondary")
    String region;

    @Override
    public Integer call() {
        new LocalRegions(dir.workDir()).reviveRegion(region, LocalRegionsOptions.defaults(dir.workDir()));
        spec.commandLine().getOut().println("Region " + region + " revived.");
        return LocalRegionsCli.OK;
    }
}
