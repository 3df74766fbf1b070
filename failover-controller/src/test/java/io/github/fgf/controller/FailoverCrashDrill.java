package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.flink.FlinkJobs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drill, not part of the test run ({@code bin/drill-failover-crash-matrix}, about 2 minutes per
 * step): the controller is killed after each step of a forced failover in turn and started again.
 * Every run must end with one job in the secondary, one alias failover and one restore.
 */
class FailoverCrashDrill {

    @ParameterizedTest
    @EnumSource(value = FailoverRecord.Step.class, names = {"FENCE", "PROMOTE", "CHOOSE", "SUBMIT", "VERIFY"})
    void aControllerKilledAfterAnyStepFinishesTheSameFailover(FailoverRecord.Step step, @TempDir Path workDir) throws Exception {
        try (FailoverFixture fx = new FailoverFixture(workDir, "crash-in", 200, 20)) {
            fx.regions.killRegion("primary");
            Path state = workDir.resolve("controller");
            String[] args = {"failover", "--topology", fx.topology.toString(), "--state-dir", state.toString()};
            ForcedFailoverITCase.Result crashed = ForcedFailoverITCase.process(concat(args, "--crash-after", step.name()));
            assertEquals(137, crashed.exit(), step + ": " + crashed.err());
            ForcedFailoverITCase.Result resumed = ForcedFailoverITCase.process(args);
            assertEquals(0, resumed.exit(), step + ": " + resumed.out() + resumed.err());
            List<FlinkJobs.Job> jobs = new FlinkJobs(fx.env.region("secondary").flink().restUrl()).jobs();
            assertEquals(1, jobs.size(), step + ": " + jobs);
            assertEquals("RUNNING", jobs.get(0).state());
            assertEquals(1, new AliasClient(fx.env.alias().controlUrl()).status().failovers(), step + ": alias failovers");
            System.out.printf("crash drill: killed after %s -> resumed: 1 job, 1 alias failover, 1 restore%n", step.key());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
