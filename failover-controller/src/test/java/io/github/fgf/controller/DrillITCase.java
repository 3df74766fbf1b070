package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.testing.SharedRegions;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code drill}, the README's main command, end to end on the shared environment through bin/local-regions: a forced
 * drill (the primary killed a second after a savepoint, watch --auto, revive, failback) whose audit must find every
 * window exact, with its reports and chart written. Short phases keep it to a few minutes; the figures' targets are
 * not asserted here (this machine is shared), only that they were measured.
 */
class DrillITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void aForcedDrillWithFailbackAuditsEveryWindowExactAndReportsItsFigures() throws Exception {
        // Under target/, not a temp dir: a failing run's reports and controller logs stay for its diagnosis.
        Path reports = Files.createDirectories(Path.of("target/drill-it").toAbsolutePath().resolve(String.valueOf(System.currentTimeMillis())));
        // GRS a minute behind: no savepoint has replicated at the kill, so the restore point must be a shipped checkpoint.
        // fresh(), not ready(): "one alias failover" below counts from here, and the drill's own reset would move the alias
        // back (a failover) if an earlier scenario had left it on the secondary.
        SHARED.fresh(java.time.Duration.ofSeconds(1));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FailoverControllerCli.run(new String[] {"drill", "--kill-after-savepoint", "1s", "--baseline", "3s",
                "--after-failover", "5s", "--savepoint-interval", "5s", "--probe-interval", "3s", "--grs-lag", "60s", "--devices", "24", "--report-dir", reports.toString(),
                "--local-regions", Path.of("../bin/local-regions").toAbsolutePath().normalize().toString(),
                "--local-dir", SHARED.workDir().toString(), "--job-jar", Path.of("../job/target/job-all.jar").toString(), "--json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(exit == 0 || exit == 3, "exit " + exit + ": " + out + "\n" + err);
        JsonNode summary = JSON.readTree(out.toString());
        assertTrue(summary.get("allExact").asBoolean(), summary.toString());
        assertEquals(0, summary.get("eventsLost").asLong());
        assertEquals(0, summary.get("eventsCountedTwice").asLong());

        Path md = Path.of(summary.get("reports").get(0).asText());
        JsonNode report = JSON.readTree(md.resolveSibling("drill-report.json").toFile());
        List<String> measured = new ArrayList<>();
        report.get("figures").forEach(f -> {
            if (!f.get("value").isNull()) measured.add(f.get("key").asText());
        });
        assertTrue(measured.containsAll(List.of("detectionSeconds", "rtoFirstOutputSeconds", "rtoCaughtUpSeconds", "stateRpoSeconds",
                "strandedFound", "eventsLost", "windowsDiffering", "baselineEventsPerSecond")), measured.toString());
        JsonNode result = report.get("result");
        assertTrue(result.get("audit").get("windowsExpected").asInt() >= 24 * 3, result.get("audit").toString());
        assertTrue(result.get("killAfterSavepointSeconds").asDouble() >= 1.0, result.toString());
        // The stranded events failback found lie within the failover report's bounds, side by side in the report.
        assertTrue(result.get("restorePoint").asText().contains("/shipped-checkpoints/"), result.get("restorePoint").asText());
        assertTrue(result.get("shipping").get("restoredShipped").asBoolean(), result.get("shipping").toString());
        JsonNode shippedRpo = figure(report, "stateRpoShippedSeconds");
        assertTrue(shippedRpo.get("met").asBoolean(), "state RPO beyond checkpoint interval + shipping lag: " + shippedRpo);
        assertTrue(figure(report, "shippingBytesPerHour").get("value").asLong() > 0, report.get("figures").toString());
        JsonNode stranded = figure(report, "strandedFound");
        assertTrue(stranded.get("met").asBoolean(), stranded.toString());
        BufferedImage chart = ImageIO.read(md.resolveSibling("drill-timeline.png").toFile());
        assertEquals(1400, chart.getWidth());
        String text = Files.readString(md);
        assertTrue(text.contains("| events lost | 0 events | 0 | yes |"), text);
        try (Stream<Path> f = Files.list(md.getParent())) {
            assertTrue(f.anyMatch(p -> p.getFileName().toString().equals("topology.json")));
        }

        // watch --auto, as the drill ran it: K consecutive failed rounds, FAILING_OVER, the failover report last.
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(md.resolveSibling("controller").resolve("watch.out"))) {
            if (l.startsWith("{")) lines.add(JSON.readTree(l));
        }
        JsonNode last = lines.get(lines.size() - 1);
        assertEquals("done", last.path("status").asText(), last.toString());
        JsonNode failingOver = lines.get(lines.size() - 2);
        assertEquals("FAILING_OVER", failingOver.path("type").asText(), failingOver.toString());
        assertEquals(3, failingOver.path("consecutiveFailures").asInt(), "policy.failureThreshold rounds");
        List<Integer> rounds = lines.stream().filter(e -> e.path("type").asText().equals("ROUND"))
                .map(e -> e.path("consecutiveFailures").asInt()).toList();
        assertEquals(List.of(1, 2, 3), rounds.subList(rounds.size() - 3, rounds.size()), "K consecutive failed rounds");
        assertEquals(1, SHARED.failoversSinceFresh(), "one alias failover");
        var jobsB = SHARED.newJobs("secondary");
        assertEquals(1, jobsB.size(), jobsB.toString());
        assertEquals("RUNNING", jobsB.get(0).state());
    }

    private static JsonNode figure(JsonNode report, String key) {
        for (JsonNode f : report.get("figures")) {
            if (f.get("key").asText().equals(key)) return f;
        }
        throw new AssertionError("no figure " + key + " in " + report.get("figures"));
    }
}
