package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.fgf.controller.testing.ExactTraffic;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.grs.LastSyncTime;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import io.github.fgf.testing.Events;
import io.github.fgf.testing.Events.Line;
import io.github.fgf.testing.ExpectedAggregates;
import io.github.fgf.testing.Hubs;
import io.github.fgf.testing.Hubs.Read;
import io.github.fgf.testing.PacedProducer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production-like traffic through a forced failover and a failback, with the real job: 40 devices
 * keyed over 4 partitions, a backlog waiting before the job starts, the same devices sending
 * before, during and after the move, the primary killed mid-stream. Before failback every window
 * the secondary emitted that lacks a stranded event is marked partial; after it, the output read
 * as the README's consumer reads it equals window by window an independent computation over every
 * acknowledged event, with nothing left partial and no event treated as late.
 */
class ExactFailoverITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a run adds to the base scenario. */
    record Variant(String prefix, boolean exactlyOnce, boolean shortDedupHorizon, boolean producerRetries, boolean failbackTwice,
                   boolean reviveAsFlinkHa) {}

    @Test
    void atLeastOnceWithAShortDedupHorizonRetriesToBothRegionsAFencedOldJobAndFailbackTwice(@TempDir Path workDir)
            throws Exception {
        run(workDir, new Variant("exa", false, true, true, true, true));
    }

    @Test
    void exactlyOnceSinksGiveAReadCommittedConsumerExactWindows(@TempDir Path workDir) throws Exception {
        run(workDir, new Variant("exe", true, false, false, false, false));
    }

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    private void run(Path workDir, Variant v) throws Exception {
        Environment env = SHARED.fresh(Duration.ofSeconds(2));
        scenario(workDir, SHARED.regions(), env, v);
    }

    private void scenario(Path workDir, LocalRegions regions, Environment env, Variant v) throws Exception {
        Environment.Region a = env.region("primary");
        Environment.Region b = env.region("secondary");
        ExactTraffic traffic = new ExactTraffic(env, v.prefix());
        List<String> extra = new ArrayList<>();
        if (v.shortDedupHorizon()) extra.addAll(List.of("--dedup.horizon", "5s")); // far shorter than the outage
        if (v.exactlyOnce()) extra.addAll(List.of("--sink.delivery-guarantee", "exactly-once"));
        Path topology = traffic.topology(workDir, v.prefix(), extra);
        Path state = workDir.resolve("controller");
        traffic.createHubs();
        List<Line> backlog = traffic.sendBacklog(9);
        String jobA = FailoverFixture.startJobInPrimary(regions, (ArrayNode) JSON.readTree(topology.toFile()).get("job").get("args"), 1);
        Set<String> backlogWindows = ExpectedAggregates.of(backlog, ExactTraffic.WINDOW, Set.of()).keySet();

        try (PacedProducer live = traffic.producer("live")) {
            // The live events move every partition's watermark past the backlog, so all of its windows close.
            output(a, v).readUntil(traffic.out, r -> Hubs.latestCanonical(r).keySet().containsAll(backlogWindows),
                    Duration.ofSeconds(120));
            ExactTraffic.awaitAcknowledged(live, 10 * ExactTraffic.DEVICES);
            String savepoint = new FlinkJobs(a.flink().restUrl()).triggerSavepoint(jobA, a.storage().savepointsUri(), "NATIVE",
                    Duration.ofSeconds(60));
            Instant written = Instant.now().plusSeconds(1);
            while (LastSyncTime.read(Path.of(a.storage().lastSyncTimeFile())).orElseThrow().instant().isBefore(written)) {
                Thread.sleep(200);
            }
            // Events after the savepoint: the primary holds them when it is lost mid-stream.
            ExactTraffic.awaitAcknowledged(live, live.acknowledged().size() + 8 * ExactTraffic.DEVICES);
            regions.killRegion("primary");
            List<Line> beforeLoss = live.acknowledged();

            ForcedFailoverITCase.Result failover = ForcedFailoverITCase.inProcess("failover", "--topology", topology.toString(),
                    "--state-dir", state.toString(), "--json");
            assertEquals(0, failover.exit(), failover.out() + failover.err());
            assertTrue(JSON.readTree(failover.out()).get("restorePoint").asText().endsWith(
                    savepoint.substring(savepoint.lastIndexOf('/'))), failover.out());
            if (v.producerRetries()) {
                // Application retries of the last events sent before the loss: the primary has them too.
                for (Line l : beforeLoss.subList(beforeLoss.size() - ExactTraffic.DEVICES, beforeLoss.size())) live.send(l);
            }

            // The same devices keep sending into the secondary while the primary comes back (its revive takes longer than
            // the 20 s of events asked for below, so they cost no extra wait).
            Path taskManagerLog = SHARED.workDir().resolve("logs/flink-primary-taskmanager.log");
            long logBeforeRevive = Files.size(taskManagerLog);
            regions.reviveRegion("primary", LocalRegionsOptions.defaults(SHARED.workDir()), v.reviveAsFlinkHa());
            if (v.reviveAsFlinkHa()) {
                // As with Flink HA, the old job restarts from its latest retained checkpoint, reaches the secondary's
                // namespace through the alias, and must stop for good before it writes anything there.
                assertFenced(taskManagerLog, logBeforeRevive, new FlinkJobs(a.flink().restUrl()));
            }
            ExactTraffic.awaitAcknowledged(live, beforeLoss.size() + 20 * ExactTraffic.DEVICES);

            // Before failback, every window the secondary emitted that lacks a stranded event is marked.
            JsonNode record = JSON.readTree(state.resolve("failover.json").toFile());
            List<Line> stranded = strandedEvents(ExactTraffic.hubs(a), traffic.in, record.get("restoreOffsets"));
            assertTrue(stranded.size() >= 8 * ExactTraffic.DEVICES, "stranded events " + stranded.size());
            Set<String> strandedWindows = ExpectedAggregates.of(stranded, ExactTraffic.WINDOW, Set.of()).keySet();
            int checked = 0;
            // Such a window closes in the secondary once its watermark passes the window's end: up to a window after the
            // loss, later than the revive when the loss came early in a minute.
            List<Read> emitted = output(b, v).readUntil(traffic.out, rs -> rs.stream().anyMatch(r -> strandedWindows.contains(r.key())),
                    Duration.ofSeconds(120));
            for (Read r : emitted) {
                if (strandedWindows.contains(r.key())) {
                    checked++;
                    assertTrue(Hubs.json(r.value()).get("partial").asBoolean(), "unmarked partial window " + r.value());
                }
            }
            assertTrue(checked > 0, "the secondary emitted no window that stranded events belong to");

            ForcedFailoverITCase.Result first = failback(topology, state);
            JsonNode fb = JSON.readTree(first.out());
            assertEquals(stranded.size(), fb.get("drained").asLong(), "drained what the primary held beyond the restore point");
            assertEquals(0, fb.get("tooOld").asLong());
            if (v.failbackTwice()) {
                assertEquals(fb.get("releasedAt"), JSON.readTree(failback(topology, state).out()).get("releasedAt"));
            }
            long markedCopies = ExactTraffic.hubs(b).readAll(traffic.in).stream()
                    .filter(r -> r.headers().containsKey("fgf-stranded")).count();
            assertEquals(stranded.size(), markedCopies, "stranded events copied into the secondary");

            List<Line> acknowledged = new ArrayList<>(backlog);
            acknowledged.addAll(live.stop());
            traffic.closeAllWindows();
            Map<String, String> expected = ExpectedAggregates.of(acknowledged, ExactTraffic.WINDOW, Set.of());
            List<Read> all = ExactTraffic.awaitExactOutput(output(a, v), output(b, v), traffic.out, expected);
            assertEquals(List.of(), Hubs.consumerView(all).entrySet().stream().filter(e -> e.getValue().get("partial").asBoolean())
                    .map(Map.Entry::getKey).toList(), "windows still marked partial after failback");
            assertEquals(0, ExactTraffic.hubs(a).readAll(traffic.late).size() + ExactTraffic.hubs(b).readAll(traffic.late).size(),
                    "events the job treated as late");
            List<String> oldEpoch = new ArrayList<>();
            for (Read r : ExactTraffic.hubs(b).readAll(traffic.out)) {
                if (Hubs.json(r.value()).get("epoch").asLong() == 0) oldEpoch.add(r.key());
            }
            assertEquals(List.of(), oldEpoch, "epoch-0 records in the new primary's output");
        }
    }

    private static ForcedFailoverITCase.Result failback(Path topology, Path state) {
        ForcedFailoverITCase.Result r = ForcedFailoverITCase.inProcess("failback", "--topology", topology.toString(),
                "--state-dir", state.toString(), "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        return r;
    }

    /** A region's output as the variant's consumer reads it: read_committed behind exactly-once sinks. */
    private static Hubs output(Environment.Region r, Variant v) {
        Properties p = KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString());
        if (v.exactlyOnce()) p.setProperty("isolation.level", "read_committed");
        return new Hubs(p);
    }

    /** The restarted old job ends FAILED (never restarting), with the fencing line in the region's log since the revive. */
    private static void assertFenced(Path taskManagerLog, long logOffset, FlinkJobs flink) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<FlinkJobs.Job> jobs = flink.jobs();
        while (System.currentTimeMillis() < deadline && (jobs.isEmpty() || jobs.stream().anyMatch(j -> !j.terminal()))) {
            Thread.sleep(500);
            jobs = flink.jobs();
        }
        assertEquals(1, jobs.size(), "jobs restarted in the revived primary: " + jobs);
        assertEquals("FAILED", jobs.get(0).state(), jobs.toString());
        byte[] all = Files.readAllBytes(taskManagerLog);
        String log = new String(all, (int) logOffset, all.length - (int) logOffset, StandardCharsets.ISO_8859_1);
        assertTrue(log.contains("fenced: the Kafka endpoint now reaches cluster"), "no fencing line in the TaskManager log");
        assertTrue(flink.get("/jobs/" + jobs.get(0).id() + "/exceptions").toString().contains("fenced"),
                "the job did not fail because it was fenced");
    }

    /** What the old primary holds beyond the restore point, read by the test itself, parsed as input events. */
    private static List<Line> strandedEvents(Hubs primary, String hub, JsonNode restoreOffsets) throws Exception {
        List<Line> out = new ArrayList<>();
        for (Read r : primary.readAll(hub)) {
            if (r.offset() < restoreOffsets.path(hub + "|" + r.partition()).asLong(0)) continue;
            JsonNode n;
            try {
                n = Hubs.json(r.value());
            } catch (Exception malformed) {
                continue;
            }
            if (!n.has("eventId") || !n.has("deviceId") || !n.has("timestamp")) continue;
            Map<String, Double> metrics = new TreeMap<>();
            n.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) metrics.put(f.getKey(), f.getValue().asDouble());
            });
            out.add(Events.event(n.get("eventId").asText(), n.get("deviceId").asText(),
                    Instant.parse(n.get("timestamp").asText()).toEpochMilli(), metrics));
        }
        return out;
    }
}
