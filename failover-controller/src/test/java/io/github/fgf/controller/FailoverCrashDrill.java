package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.flink.FlinkJobs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drill, not part of the test run ({@code bin/drill-failover-crash-matrix}, about a minute per
 * step): the controller is killed after each step of a forced failover, of a planned failover and of
 * a failback in turn, and started again. Every failover must end with one job in the secondary, one
 * alias failover and one restore; a planned one also with no job left running in the primary. Every
 * failback must end with the alias paired again, the old primary's restarted job fenced, and each
 * stranded event copied exactly once.
 */
class FailoverCrashDrill {

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @ParameterizedTest
    @EnumSource(value = FailoverRecord.Step.class, names = {"CHOOSE", "FENCE", "PROMOTE", "SUBMIT", "VERIFY"})
    void aControllerKilledAfterAnyStepFinishesTheSameFailover(FailoverRecord.Step step, @TempDir Path workDir) throws Exception {
        FailoverFixture fx = new FailoverFixture(SHARED, workDir, "crash-" + step.key() + "-in", 200, 20);
        fx.regions.killRegion("primary");
        crashThenResume(fx, step, "failover", "--topology", fx.topology.toString(), "--state-dir",
                workDir.resolve("controller").toString());
        System.out.printf("crash drill: killed after %s -> resumed: 1 job, 1 alias failover, 1 restore%n", step.key());
    }

    @ParameterizedTest
    @EnumSource(value = FailoverRecord.Step.class, names = {"PROMOTE", "DISABLE_SENDS", "DRAIN", "STOP", "REPLICATE", "CHOOSE", "SUBMIT", "VERIFY"})
    void aControllerKilledAfterAnyPlannedStepFinishesTheSameFailover(FailoverRecord.Step step, @TempDir Path workDir)
            throws Exception {
        FailoverFixture fx = new FailoverFixture(SHARED, workDir, "pcrash-" + step.key() + "-in", 200, 20);
        crashThenResume(fx, step, "failover", "--planned", "--topology", fx.topology.toString(), "--state-dir",
                workDir.resolve("controller").toString());
        List<FlinkJobs.Job> left = new FlinkJobs(fx.env.region("primary").flink().restUrl()).jobs().stream()
                .filter(j -> !j.terminal()).toList();
        assertEquals(List.of(), left, step + ": the primary's job must be stopped");
        System.out.printf("crash drill: planned, killed after %s -> resumed: 1 job, 1 alias failover, 1 restore%n", step.key());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"drain", "release", "pair", "close"})
    void aControllerKilledAfterAnyFailbackStepFinishesTheSameFailback(String step, @TempDir Path workDir) throws Exception {
        FailoverFixture fx = new FailoverFixture(SHARED, workDir, "fbcrash-" + step + "-in", 200, 20);
        fx.regions.killRegion("primary");
        String[] common = {"--topology", fx.topology.toString(), "--state-dir", workDir.resolve("controller").toString()};
        ForcedFailoverITCase.Result failover = ForcedFailoverITCase.process(concat(new String[] {"failover"}, common));
        assertEquals(0, failover.exit(), failover.out() + failover.err());
        // The old primary returns as Flink HA would: its job restarts from its checkpoint, and failback must fence it.
        fx.regions.reviveRegion("primary", io.github.fgf.localregions.config.LocalRegionsOptions.defaults(SHARED.workDir())
                .withGrsLag(java.time.Duration.ofSeconds(2)), true);
        ForcedFailoverITCase.Result crashed = ForcedFailoverITCase.process(concat(concat(new String[] {"failback"}, common),
                "--crash-after", step));
        assertEquals(137, crashed.exit(), step + ": " + crashed.err());
        ForcedFailoverITCase.Result resumed = ForcedFailoverITCase.process(concat(concat(new String[] {"failback"}, common), "--json"));
        assertEquals(0, resumed.exit(), step + ": " + resumed.out() + resumed.err());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resumed.out());
        long drained = report.get("drained").asLong();
        org.junit.jupiter.api.Assertions.assertTrue(drained >= 20, step + ": the 20 events after the savepoint are stranded: "
                + report);
        long marked = io.github.fgf.controller.testing.ExactTraffic.hubs(fx.env.region("secondary")).readAll("fbcrash-" + step + "-in").stream()
                .filter(r -> "1".equals(r.headers().get(io.github.fgf.job.state.ControlRecords.STRANDED_HEADER))).count();
        assertEquals(drained, marked, step + ": each stranded event copied exactly once");
        var alias = new AliasClient(fx.env.alias().controlUrl()).status();
        org.junit.jupiter.api.Assertions.assertTrue(alias.paired(), step + ": paired again: " + alias);
        assertEquals(1, SHARED.failoversSinceFresh(), step);
        assertEquals(List.of(), new FlinkJobs(fx.env.region("primary").flink().restUrl()).jobs().stream()
                .filter(j -> !j.terminal()).toList(), step + ": the old primary's restarted job is fenced");
        System.out.printf("crash drill: failback, killed after %s -> resumed: paired, %d stranded events copied once, old job "
                + "fenced%n", step, drained);
    }

    /** Runs the controller until it halts after {@code step}, runs it again, and checks one job, one alias failover, one restore. */
    private static void crashThenResume(FailoverFixture fx, FailoverRecord.Step step, String... args) throws Exception {
        ForcedFailoverITCase.Result crashed = ForcedFailoverITCase.process(concat(args, "--crash-after", step.name()));
        assertEquals(137, crashed.exit(), step + ": " + crashed.err());
        ForcedFailoverITCase.Result resumed = ForcedFailoverITCase.process(args);
        assertEquals(0, resumed.exit(), step + ": " + resumed.out() + resumed.err());
        List<FlinkJobs.Job> jobs = SHARED.newJobs("secondary");
        assertEquals(1, jobs.size(), step + ": " + jobs);
        assertEquals("RUNNING", jobs.get(0).state());
        assertEquals(1, SHARED.failoversSinceFresh(), step + ": alias failovers");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
