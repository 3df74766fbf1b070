package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code down}: stop everything this environment started, by recorded pid. */
@Command(name = "down", description = "Stop every process the environment started (by recorded pid); "
        + "a shared Azurite it did not start keeps running, minus this environment's containers.")
final class DownCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        new LocalRegions(dir.workDir()).down();
        spec.commandLine().getOut().println("Local environment stopped.");
        return LocalRegionsCli.OK;
    }
}
