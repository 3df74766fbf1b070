package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.act.ControllerStore;
import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.act.FailoverRunner;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.testing.ControllerJvm;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.grs.LastSyncTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forced failover after {@code kill-region primary}, with a controller killed mid-way and a
 * second controller started while the first holds the lease.
 */
class ForcedFailoverITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, String out, String err) {}

    static Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FailoverControllerCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A controller in its own JVM, so that a crash drill's halt kills only it. */
    static Result process(String... args) throws Exception {
        Process p = new ProcessBuilder(ControllerJvm.command(List.of(), args)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void regionLossFailsOverOnceEvenWithACrashedAndASecondController(@TempDir Path workDir) throws Exception {
        FailoverFixture fx = new FailoverFixture(SHARED, workDir, "fo-in", 300, 50);
        LocalRegions regions = fx.regions;
        Environment env = fx.env;
        Environment.Region a = env.region("primary");
        Environment.Region b = env.region("secondary");
        Path topology = fx.topology;
        String savepoint = fx.savepoint;
        Path lst = Path.of(a.storage().lastSyncTimeFile());
        long deadline;

        Path s1 = workDir.resolve("controller-1");
        Path s2 = workDir.resolve("controller-2");
        assertEquals(0, inProcess("status", "--topology", topology.toString(), "--state-dir", s1.toString()).exit());

        regions.killRegion("primary");
        Instant lossDeclared = Instant.now();

        // Controller 1 dies right after choosing the restore point, holding the lease.
        Result crashed = process("failover", "--topology", topology.toString(), "--state-dir", s1.toString(),
                "--crash-after", "CHOOSE");
        assertEquals(137, crashed.exit(), crashed.err());
        JsonNode partial = JSON.readTree(s1.resolve("failover.json").toFile());
        // It chose before doing anything that cannot be undone.
        assertEquals(List.of("choose"), fieldNames(partial.get("steps")));

        // Controller 2 cannot act while the lease is held, and says who holds it.
        Result second = process("failover", "--topology", topology.toString(), "--state-dir", s2.toString());
        assertEquals(FailoverControllerCli.LEASE_HELD, second.exit(), second.out() + second.err());
        assertTrue(second.err().contains("controller-1"), second.err());
        assertTrue(SHARED.newJobs("secondary").isEmpty(), "controller 2 submitted a job");

        // Controller 1 restarted finishes the same failover.
        Result done = inProcess("failover", "--topology", topology.toString(), "--state-dir", s1.toString(), "--json");
        assertEquals(0, done.exit(), done.out() + done.err());
        JsonNode report = JSON.readTree(done.out());
        Instant verified = Instant.parse(report.get("steps").get("verify").asText());
        assertTrue(Duration.between(lossDeclared, verified).toSeconds() < 60, "job not running in B within 60 s: " + report);

        // It restored the savepoint that had replicated, read from the secondary copy.
        String replica = savepoint.replace(a.storage().container() + "@", a.storage().secondaryContainer() + "@");
        assertEquals(replica, report.get("restorePoint").asText());
        assertTrue(Instant.parse(report.get("restorePointCompletedAt").asText()).isBefore(LastSyncTime.read(lst).orElseThrow().instant()));
        // Events at risk: the 350 events A held minus what the restore point had consumed (300 + 0..50 in flight).
        long atRisk = report.get("eventsAtRisk").asLong();
        assertTrue(atRisk >= 50 && atRisk <= 350, "events at risk " + atRisk);

        // RTO and RPO match the audit log.
        List<JsonNode> audit = new ArrayList<>();
        for (String line : Files.readAllLines(s1.resolve("audit.log"))) audit.add(JSON.readTree(line));
        Instant declaredAudit = Instant.parse(audit.stream().filter(x -> x.get("event").asText().equals("declared"))
                .findFirst().orElseThrow().get("time").asText());
        Instant verifyAudit = Instant.parse(audit.stream().filter(x -> x.get("event").asText().equals("verify"))
                .findFirst().orElseThrow().get("time").asText());
        assertEquals(Duration.between(declaredAudit, verifyAudit).toMillis(), report.get("rtoMillis").asLong());
        // State RPO runs from the last moment the primary was seen healthy (the status probe before the kill, or the
        // restore point if that is newer), not from the declaration, which adds the detection time.
        Instant written = Instant.parse(report.get("restorePointCompletedAt").asText());
        Instant probed = Instant.parse(JSON.readTree(s1.resolve("last-probe-end-offsets.json").toFile()).get("observedAt").asText());
        Instant healthy = probed.isAfter(written) ? probed : written;
        assertEquals(healthy.toString(), report.get("lastSeenHealthyAt").asText());
        assertEquals(Duration.between(written, healthy).toMillis(), report.get("stateRpoMillis").asLong());
        assertTrue(healthy.isBefore(declaredAudit));

        // Exactly one job in B, one alias failover, one restore; a rerun changes nothing.
        assertEquals(0, inProcess("failover", "--topology", topology.toString(), "--state-dir", s1.toString()).exit());
        List<FlinkJobs.Job> jobsB = SHARED.newJobs("secondary");
        assertEquals(1, jobsB.size(), jobsB.toString());
        assertEquals("RUNNING", jobsB.get(0).state());
        assertEquals(FailoverFixture.JOB + "-e1", jobsB.get(0).name());
        // Its JobID comes from the failover record: a second submission of it is refused by Flink itself.
        FailoverRecord record = JSON.readValue(s1.resolve("failover.json").toFile(), FailoverRecord.class);
        assertEquals(FailoverRunner.jobIdOf(record).hex(), jobsB.get(0).id());
        FlinkJobs flinkB = new FlinkJobs(b.flink().restUrl());
        java.io.IOException duplicate = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> flinkB.run(
                flinkB.upload(Path.of("../job/target/job-all.jar")), "io.github.fgf.job.TelemetryJob", List.of("--eventhubs.connection-string",
                env.alias().connectionString(), "--eventhubs.local-bootstrap", env.alias().bootstrap()), null, false, 1,
                FailoverRunner.jobIdOf(record).hex()));
        assertTrue(duplicate.getMessage().contains("DuplicateJobSubmission") || duplicate.getMessage().contains("already"),
                duplicate.getMessage());
        assertEquals(1, SHARED.failoversSinceFresh());

        // Failback: the primary comes back; its stranded events (produced after the savepoint) are drained into
        // the secondary's hub, exactly what the report said was at risk; the alias pairs again with roles reversed.
        regions.reviveRegion("primary", LocalRegionsOptions.defaults(SHARED.workDir()));
        Result failback = inProcess("failback", "--topology", topology.toString(), "--state-dir", s1.toString(), "--json");
        assertEquals(0, failback.exit(), failback.out() + failback.err());
        JsonNode fb = JSON.readTree(failback.out());
        assertEquals(atRisk, fb.get("drained").asLong(), "drained what the report said was at risk");
        var pairing = new AliasClient(env.alias().controlUrl()).status();
        assertEquals("secondary", pairing.activeRegion());
        assertEquals("primary", pairing.partnerRegion());
        // Both regions now know epoch 1, so a failover back the other way counts on from it.
        assertEquals(java.util.Optional.of(1L), new ControllerStore(a.storage().savepointsUri(), workDir.resolve("x")).readEpoch());
        // Window by window correctness through failover and failback: ExactFailoverITCase, with production-like traffic.
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
