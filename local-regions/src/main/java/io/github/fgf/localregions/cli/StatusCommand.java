package io.github.fgf.localregions.cli;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.env.EnvironmentStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status [--json]}: processes, alias pairing, Flink slots and Last Sync Times. Never prints secrets. */
@Command(name = "status", description = "Show what is running. Exit 0 if every process is alive, 1 otherwise.")
final class StatusCommand implements Callable<Integer> {

    @Mixin WorkDirMixin dir;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        EnvironmentStatus s = EnvironmentStatus.observe(new LocalRegions(dir.workDir()).environment());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(EnvironmentFile.JSON.writeValueAsString(s));
        } else {
            print(s, out);
        }
        boolean allAlive = s.processes().stream().allMatch(EnvironmentStatus.ProcessStatus::alive);
        return allAlive ? LocalRegionsCli.OK : LocalRegionsCli.FAILED;
    }

    private static void print(EnvironmentStatus s, PrintWriter out) {
        out.printf("environment %s (%s) in %s%n", s.id(), s.state(), s.workDir());
        out.printf("alias %s -> %s%n", s.aliasBootstrap(), s.pairing() == null ? "UNREACHABLE"
                : s.pairing().activeRegion() + " (role " + s.pairing().role() + ", partner "
                + s.pairing().partnerRegion() + ", failovers " + s.pairing().failovers() + ")");
        out.printf("%-10s %-8s %-17s %-24s %-10s %-26s%n", "REGION", "STATE", "KAFKA", "FLINK", "TM/SLOTS", "LAST SYNC TIME");
        s.regions().forEach((name, r) -> out.printf("%-10s %-8s %-17s %-24s %-10s %-26s%n", name, r.state(),
                r.kafkaBootstrap(), r.flinkRestUrl() == null ? "-" : r.flinkRestUrl(),
                r.flinkTaskManagers() == null ? "-" : r.flinkTaskManagers() + "/" + r.flinkSlotsAvailable(),
                r.lastSyncTime() == null ? "-" : r.lastSyncTime()));
        out.printf("%-26s %-8s %s%n", "PROCESS", "PID", "ALIVE");
        s.processes().forEach(p -> out.printf("%-26s %-8d %s%n", p.name(), p.pid(), p.alive() ? "yes" : "no"));
    }
}
