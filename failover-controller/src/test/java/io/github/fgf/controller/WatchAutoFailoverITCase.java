package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.controller.testing.Producer;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.process.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * watch --auto while the primary is healthy: scheduled savepoints, retention and metrics, and no failover. Its
 * automatic failover after K failed rounds is {@link DrillITCase}'s: the drill kills the primary under watch --auto.
 */
class WatchAutoFailoverITCase {

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void watchTakesSavepointsPrunesThemAndReportsMetricsWhileThePrimaryIsHealthy(@TempDir Path workDir) throws Exception {
        Environment env = SHARED.fresh(Duration.ofSeconds(1));
        LocalRegions regions = SHARED.regions();
        Environment.Region a = env.region("primary");
        ObjectNode t = io.github.fgf.controller.local.LocalTopology.fromEnvironment(
            io.github.fgf.controller.local.LocalEnvironment.read(io.github.fgf.localregions.env.EnvironmentFile.in(Path.of(env.workDir()))),
            Path.of("../job/target/job-all.jar"));
        ArrayNode args = (ArrayNode) t.get("job").get("args");
        List.of("--hubs.input", "w-in", "--checkpoint.interval", "1s").forEach(args::add);
        ObjectNode policy = (ObjectNode) t.get("policy");
        policy.put("probeInterval", "1s");
        policy.put("failureThreshold", 3);
        policy.put("savepointInterval", "4s");
        policy.put("savepointRetention", 2);
        Path topology = workDir.resolve("topology.json");
        TopologyFile.write(topology, t);

        Producer.createTopic(env.alias().bootstrap(), env.alias().connectionString(), "w-in", 2);
        Producer.send(env.alias().bootstrap(), env.alias().connectionString(), "w-in", "w", 100);
        FailoverFixture.startJobInPrimary(regions, args, 1);

        // One savepoint by hand first.
        StringWriter spOut = new StringWriter();
        assertEquals(0, FailoverControllerCli.run(new String[] {"savepoint", "--topology", topology.toString(), "--json"},
                new PrintWriter(spOut, true), new PrintWriter(new StringWriter(), true)), spOut.toString());
        String taken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(spOut.toString()).get("savepoint").asText();
        assertTrue(taken.startsWith(a.storage().savepointsUri()), taken);
        assertEquals(1, savepointsIn(a));

        int metricsPort = Ports.free();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> FailoverControllerCli.run(new String[] {"watch",
                "--auto", "--topology", topology.toString(), "--state-dir", workDir.resolve("ctl").toString(),
                "--metrics-port", String.valueOf(metricsPort), "--rounds", "20", "--json"}, new PrintWriter(out, true),
                new PrintWriter(err, true)));

        // Healthy: savepoints are taken and retention keeps at most 2 (plus the newest restorable).
        long deadline = System.currentTimeMillis() + 90_000;
        while (savepointsIn(a) < 3 && System.currentTimeMillis() < deadline) Thread.sleep(500);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("fgf_probe_up{region=\"primary\",probe=\"flink\"} 1.0"), metrics);
        assertTrue(metrics.contains("fgf_failover_state{state=\"healthy\"} 1.0"), metrics);
        assertTrue(metrics.contains("fgf_restorable_savepoint_age_seconds"), metrics);
        assertTrue(metrics.contains("fgf_replication_lag_seconds{region=\"primary\"}"), metrics);
        assertTrue(metrics.contains("fgf_input_last_enqueued_age_seconds{region=\"primary\"}"), metrics);
        assertTrue(events(out).stream().anyMatch(e -> e.path("type").asText().equals("SAVEPOINT")
                && e.path("savepoint").asText().startsWith(a.storage().savepointsUri())), out.toString());
        assertTrue(savepointsIn(a) <= 3, "retention: " + savepointsIn(a));
        // Checkpoint shipping (from-env sets shipCheckpointsTo): each shipment into the secondary's own container, with
        // its lag and egress, and the newest shipped checkpoint observed as a restore point.
        String shipTo = t.get("primary").get("storage").get("shipCheckpointsTo").asText();
        List<JsonNode> shipped = events(out).stream().filter(e -> e.path("type").asText().equals("CHECKPOINT_SHIPPED")).toList();
        assertTrue(shipped.size() >= 2, out.toString());
        for (JsonNode e : shipped) {
            assertTrue(e.path("shipment").path("report").path("target").asText().startsWith(shipTo + "/"), e.toString());
            assertTrue(e.path("shipment").path("lagMillis").asLong() >= 0, e.toString());
        }
        assertTrue(shipped.stream().anyMatch(e -> e.path("shipment").path("report").path("filesAlreadyThere").asInt() > 0),
                "a later shipment reuses shared files: " + shipped);
        assertTrue(metrics.contains("fgf_checkpoint_shipped_bytes_total"), metrics);
        assertTrue(metrics.contains("fgf_checkpoint_shipping_lag_seconds"), metrics);
        assertTrue(metrics.contains("fgf_restorable_shipped_checkpoint_age_seconds"), metrics);

        // Healthy throughout: the rounds run out, and nothing failed over.
        int exit = watch.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, exit, out + "\n" + err);
        List<JsonNode> lines = events(out);
        assertTrue(lines.stream().filter(e -> e.path("type").asText().equals("ROUND")).allMatch(e -> e.path("state").asText().equals("healthy")),
                out.toString());
        assertTrue(lines.stream().filter(e -> e.path("type").asText().equals("ROUND")).findFirst().orElseThrow()
                .path("probe").path("endOffsets").size() == 2, "the first round saw both partitions of w-in");
        assertEquals(List.of(), SHARED.newJobs("secondary"));
        assertEquals(0, SHARED.failoversSinceFresh());
    }

    static List<JsonNode> events(StringWriter out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        String text = out.toString();
        // the watch thread may be mid-line: only whole lines count
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isBlank()) lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
        }
        return lines;
    }

    static long savepointsIn(Environment.Region a) {
        var c = io.github.fgf.localregions.azurite.BlobContainers.azurite().container(a.storage().container());
        return c.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix("savepoints/"), null).stream()
                .filter(b -> b.getName().endsWith("/_metadata")).count();
    }
}
