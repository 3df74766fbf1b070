package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.flink.FlinkJobs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill in Geo-Replication mode on the shared environment (the drill's reset switches it to a Geo-Replication
 * namespace 2 s behind, and the next scenario's back): forced, with the primary killed mid-stream, the offsets failback
 * reports as never replicated are exactly the records the new primary lacked, and every window is exact after the
 * drain; planned, nothing is lost and the secondary's job resumes at the savepoint's own offsets, replaying nothing.
 */
class GeoReplicationDrillITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    static JsonNode drill(Path reports, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("drill", "--event-hubs", "geo-replication", "--replication-lag", "2s",
                "--baseline", "3s", "--after-failover", "5s", "--savepoint-interval", "5s", "--probe-interval", "3s", "--devices", "24",
                "--report-dir", reports.toString(), "--local-regions", Path.of("../bin/local-regions").toAbsolutePath().normalize().toString(),
                "--local-dir", SHARED.workDir().toString(), "--job-jar", Path.of("../job/target/job-all.jar").toString(), "--json"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FailoverControllerCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        // 3: exact, but a figure missed its target (short phases on a shared machine); the audit is what is asserted.
        assertTrue(exit == 0 || exit == 3, "exit " + exit + ": " + out + "\n" + err);
        JsonNode summary = JSON.readTree(out.toString());
        assertTrue(summary.get("allExact").asBoolean(), summary.toString());
        assertEquals(0, summary.get("eventsLost").asLong());
        assertEquals(0, summary.get("eventsCountedTwice").asLong());
        return JSON.readTree(Path.of(summary.get("reports").get(0).asText()).resolveSibling("drill-report.json").toFile());
    }

    static JsonNode figure(JsonNode report, String key) {
        for (JsonNode f : report.get("figures")) if (f.get("key").asText().equals(key)) return f;
        throw new AssertionError("no figure " + key + " in " + report.get("figures"));
    }

    static JsonNode failoverRecord(JsonNode report, Path reports) throws Exception {
        return JSON.readTree(reports.resolve(report.get("runId").asText()).resolve("controller/failover.json").toFile());
    }

    @Test
    void aForcedPromotionReportsExactlyTheRecordsThatNeverReachedTheSecondaryAndTheWindowsEndExact(@TempDir Path reports)
            throws Exception {
        SHARED.ready(); // the drill resets it itself, with its own options
        JsonNode report = drill(reports, "--kill-after-savepoint", "1s");
        // 2 s behind at about 24 events/s: dozens of records never reached the new primary; failback names each one.
        JsonNode lost = figure(report, "lostInReplication");
        assertTrue(lost.get("value").asLong() > 0, "the primary was killed mid-stream 2 s ahead of its replica: " + lost);
        JsonNode mismatch = figure(report, "lostInReplicationMismatch");
        assertEquals(0, mismatch.get("value").asLong(), "reported lost offsets differ from what the brokers show: " + report.get("result"));
        JsonNode record = failoverRecord(report, reports);
        assertEquals(List.of("choose", "fence", "promote", "position", "submit", "verify"), fieldNames(record.get("steps")));
        // The secondary's job kept the primary's source label: its offsets came from the restore point.
        assertEquals(SHARED.regions().environment().alias().name(), record.get("sourceStart").get("label").asText());
    }

    @Test
    void aPlannedPromotionLosesNothingAndTheJobResumesAtTheSavepointsOffsetsReplayingNothing(@TempDir Path reports) throws Exception {
        SHARED.ready(); // the drill resets it itself, with its own options
        JsonNode report = drill(reports, "--planned");
        JsonNode record = failoverRecord(report, reports);
        assertEquals(List.of("stop", "promote", "replicate", "choose", "position", "submit", "verify"), fieldNames(record.get("steps")));
        assertTrue(record.get("sourceStart").get("moved").isEmpty(), record.toString());
        // No backlog from earliest or a timestamp: the dedup operator of the secondary's job dropped nothing, so it read
        // nothing the savepoint had already counted (the live producer sends every event once).
        FlinkJobs b = new FlinkJobs(SHARED.regions().environment().region("secondary").flink().restUrl());
        assertEquals(0, droppedByDedup(b, record.get("jobId").asText()), "events replayed into the secondary's job");
    }

    /** The running job's dedup operator: events dropped as seen before, summed over its subtasks. */
    static long droppedByDedup(FlinkJobs flink, String jobId) throws Exception {
        for (JsonNode v : flink.get("/jobs/" + jobId).path("vertices")) {
            if (!v.path("name").asText().contains("dedup")) continue;
            String base = "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            // In a chain the metric's id carries the operator's name: find it among the vertex's metrics first.
            for (JsonNode x : flink.get(base)) {
                String id = x.path("id").asText();
                if (!id.endsWith("duplicateEventsDropped")) continue;
                for (JsonNode y : flink.get(base + "?get=" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8) + "&agg=sum")) {
                    return (long) y.path("sum").asDouble();
                }
            }
            throw new AssertionError("the dedup operator reports no duplicateEventsDropped: " + flink.get(base));
        }
        throw new AssertionError("no dedup vertex in job " + jobId);
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
