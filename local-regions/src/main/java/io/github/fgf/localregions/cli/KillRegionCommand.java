package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kill-region <region>}: a power cut of one region. */
@Command(name = "kill-region", description = "SIGKILL the region's broker, Flink processes and GRS emulator, "
        + "then delete its primary container. Its broker data stays on disk for revive-region.")
final class KillRegionCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<region>", description = "primary or secondary")
    String region;

    @Override
    public Integer call() {
        LocalRegions regions = new LocalRegions(dir.workDir());
        regions.environment().region(region); // read first: a cold JVM takes a second or so to parse it
        // The power cut's moment: the SIGKILLs follow within milliseconds (a drill measures from it).
        java.time.Instant at = java.time.Instant.now();
        regions.killRegion(region);
        spec.commandLine().getOut().println("Region " + region + " killed at " + at + ".");
        return LocalRegionsCli.OK;
    }
}
