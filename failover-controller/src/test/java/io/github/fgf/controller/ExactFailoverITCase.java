package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.testing.FailoverFixture;
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
import io.github.fgf.testing.WindowComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production-like traffic through a forced failover and a failback, with the real job: 40 devices
 * keyed over 4 partitions, a backlog waiting before the job starts, the same devices sending
 * before, during and after the move, producer retries that reach both regions, a dedup horizon
 * shorter than the outage, and the failback run twice. The output, read as the README's consumer
 * reads it, must equal window by window an independent computation over every acknowledged event.
 */
class ExactFailoverITCase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long WINDOW = 60_000;
    static final int DEVICES = 40;
    static final String IN = "ex-in";
    static final String OUT = "ex-out";
    static final String LATE = "ex-late";
    static final String DLQ = "ex-dlq";

    @Test
    void forcedFailoverAndFailbackGiveEveryWindowExactly(@TempDir Path workDir) throws Exception {
        LocalRegions regions = new LocalRegions(workDir);
        Environment env = regions.up(LocalRegionsOptions.defaults(workDir).withGrsLag(Duration.ofSeconds(2)));
        try {
            scenario(workDir, regions, env);
        } finally {
            regions.down();
        }
    }

    private void scenario(Path workDir, LocalRegions regions, Environment env) throws Exception {
        Environment.Region a = env.region("primary");
        Environment.Region b = env.region("secondary");
        Path topology = topology(workDir, env);
        Path state = workDir.resolve("controller");
        Hubs viaAlias = new Hubs(KafkaBrokerLauncher.clientProperties(env.alias().bootstrap(), env.alias().connectionString()));
        for (String hub : List.of(IN, OUT, LATE, DLQ)) viaAlias.create(hub, 4);

        // A backlog from the same devices, two to five minutes old, waiting before the job starts.
        long base = (System.currentTimeMillis() / WINDOW - 5) * WINDOW;
        List<Line> backlog = Events.generate("bk", base, 3, DEVICES, 9);
        viaAlias.produceKeyed(IN, backlog);
        ArrayNode args = (ArrayNode) JSON.readTree(topology.toFile()).get("job").get("args");
        String jobA = FailoverFixture.startJobInPrimary(regions, args, 1);
        FlinkJobs flinkA = new FlinkJobs(a.flink().restUrl());
        Set<String> backlogWindows = ExpectedAggregates.of(backlog, WINDOW, Set.of()).keySet();

        try (PacedProducer live = new PacedProducer(KafkaBrokerLauncher.clientProperties(env.alias().bootstrap(),
                env.alias().connectionString()), IN, "live", DEVICES, 1000)) {
            // The live events move every partition's watermark past the backlog, so all of its windows close.
            hubs(a).readUntil(OUT, r -> Hubs.latestCanonical(r).keySet().containsAll(backlogWindows), Duration.ofSeconds(120));
            awaitAcknowledged(live, 10 * DEVICES);
            String savepoint = flinkA.triggerSavepoint(jobA, a.storage().savepointsUri(), "NATIVE", Duration.ofSeconds(60));
            Instant written = Instant.now().plusSeconds(1);
            while (LastSyncTime.read(Path.of(a.storage().lastSyncTimeFile())).orElseThrow().instant().isBefore(written)) {
                Thread.sleep(200);
            }
            // Events after the savepoint: the primary holds them when it is lost.
            awaitAcknowledged(live, live.acknowledged().size() + 8 * DEVICES);
            regions.killRegion("primary");
            List<Line> beforeLoss = live.acknowledged();

            ForcedFailoverITCase.Result failover = ForcedFailoverITCase.inProcess("failover", "--topology", topology.toString(),
                    "--state-dir", state.toString(), "--json");
            assertEquals(0, failover.exit(), failover.out() + failover.err());
            assertTrue(JSON.readTree(failover.out()).get("restorePoint").asText().endsWith(
                    savepoint.substring(savepoint.lastIndexOf('/'))), failover.out());
            // Application retries of the last events sent before the loss: the primary has them too.
            for (Line l : beforeLoss.subList(beforeLoss.size() - DEVICES, beforeLoss.size())) live.send(l);
            awaitAcknowledged(live, beforeLoss.size() + 20 * DEVICES);

            // The outage ends as it does with Flink HA: the old job restarts from its latest retained checkpoint, reaches
            // the secondary's namespace through the alias, and must stop for good before it writes anything there.
            regions.reviveRegion("primary", LocalRegionsOptions.defaults(workDir), true);
            assertFenced(workDir, new FlinkJobs(a.flink().restUrl()));

            // Before failback, every window the secondary emitted that lacks a stranded event is marked.
            JsonNode record = JSON.readTree(state.resolve("failover.json").toFile());
            List<Line> stranded = strandedEvents(hubs(a), record.get("restoreOffsets"));
            assertTrue(stranded.size() >= 8 * DEVICES, "stranded events " + stranded.size());
            Set<String> strandedWindows = ExpectedAggregates.of(stranded, WINDOW, Set.of()).keySet();
            List<Read> outBBefore = hubs(b).readAll(OUT);
            int checked = 0;
            for (Read r : outBBefore) {
                if (strandedWindows.contains(r.key())) {
                    checked++;
                    assertTrue(Hubs.json(r.value()).get("partial").asBoolean(), "unmarked partial window " + r.value());
                }
            }
            assertTrue(checked > 0, "the secondary emitted no window that stranded events belong to");

            // Failback, twice: the second run repeats nothing.
            ForcedFailoverITCase.Result first = ForcedFailoverITCase.inProcess("failback", "--topology", topology.toString(),
                    "--state-dir", state.toString(), "--json");
            assertEquals(0, first.exit(), first.out() + first.err());
            ForcedFailoverITCase.Result second = ForcedFailoverITCase.inProcess("failback", "--topology", topology.toString(),
                    "--state-dir", state.toString(), "--json");
            assertEquals(0, second.exit(), second.out() + second.err());
            JsonNode fb = JSON.readTree(first.out());
            assertEquals(stranded.size(), fb.get("drained").asLong(), "drained what the primary held beyond the restore point");
            assertEquals(0, fb.get("tooOld").asLong());
            assertEquals(fb.get("releasedAt"), JSON.readTree(second.out()).get("releasedAt"));
            long markedCopies = hubs(b).readAll(IN).stream().filter(r -> r.headers().containsKey("fgf-stranded")).count();
            assertEquals(stranded.size(), markedCopies, "stranded events copied into the secondary");

            List<Line> acknowledged = new ArrayList<>(backlog);
            acknowledged.addAll(live.stop());
            // A clock far ahead on every partition closes every window.
            long clock = System.currentTimeMillis() + 3 * WINDOW;
            for (int p = 0; p < 4; p++) {
                viaAlias.produce(IN, p, List.of(Events.event("clock-" + p, "zz-clock", clock + p, Map.of("tick", 1.0))));
            }
            Map<String, String> expected = ExpectedAggregates.of(acknowledged, WINDOW, Set.of());
            List<Read> outAAll = hubs(a).readAll(OUT);
            List<Read> all = new ArrayList<>(outAAll);
            hubs(b).readUntil(OUT, r -> {
                all.clear();
                all.addAll(outAAll);
                all.addAll(r);
                return WindowComparison.of(expected, withoutClock(Hubs.consumerCanonical(all))).exact();
            }, Duration.ofSeconds(120));
            Map<String, JsonNode> view = Hubs.consumerView(all);
            assertEquals("", WindowComparison.of(expected, withoutClock(Hubs.consumerCanonical(all))).problems());
            assertEquals(List.of(), view.entrySet().stream().filter(e -> e.getValue().get("partial").asBoolean())
                    .map(Map.Entry::getKey).toList(), "windows still marked partial after failback");
            assertEquals(0, hubs(a).readAll(LATE).size() + hubs(b).readAll(LATE).size(), "events the job treated as late");
            List<String> oldEpoch = new ArrayList<>();
            for (Read r : hubs(b).readAll(OUT)) {
                if (Hubs.json(r.value()).get("epoch").asLong() == 0) oldEpoch.add(r.key());
            }
            assertEquals(List.of(), oldEpoch, "epoch-0 records in the new primary's output");
        }
    }

    private static Path topology(Path workDir, Environment env) throws Exception {
        ObjectNode t = TopologyFile.fromEnvironment(env, Path.of("../job/target/job-all.jar"));
        ArrayNode args = (ArrayNode) t.get("job").get("args");
        for (String s : List.of("--hubs.input", IN, "--hubs.output", OUT, "--hubs.late", LATE, "--hubs.dead-letter", DLQ,
                "--eventhubs.consumer-group", "ex", "--checkpoint.interval", "1s", "--watermark.idle-timeout", "2s",
                "--late.policy", "side-output", "--dedup.horizon", "5s", "--job.name", FailoverFixture.JOB)) {
            args.add(s);
        }
        Path file = workDir.resolve("topology.json");
        TopologyFile.write(file, t);
        return file;
    }

    /** The restarted old job ends FAILED (never restarting), with the fencing line in the region's logs. */
    private static void assertFenced(Path workDir, FlinkJobs flink) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<FlinkJobs.Job> jobs = flink.jobs();
        while (System.currentTimeMillis() < deadline && (jobs.isEmpty() || jobs.stream().anyMatch(j -> !j.terminal()))) {
            Thread.sleep(500);
            jobs = flink.jobs();
        }
        assertEquals(1, jobs.size(), "jobs restarted in the revived primary: " + jobs);
        assertEquals("FAILED", jobs.get(0).state(), jobs.toString());
        String log = java.nio.file.Files.readString(workDir.resolve("logs/flink-primary-taskmanager.log"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(log.contains("fenced: the Kafka endpoint now reaches cluster"), "no fencing line in the TaskManager log");
        assertTrue(flink.get("/jobs/" + jobs.get(0).id() + "/exceptions").toString().contains("fenced"),
                "the job did not fail because it was fenced");
    }

    private static Hubs hubs(Environment.Region r) {
        return new Hubs(KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString()));
    }

    private static void awaitAcknowledged(PacedProducer p, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (p.acknowledged().size() < count && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertTrue(p.acknowledged().size() >= count, "acknowledged " + p.acknowledged().size() + " of " + count);
    }

    /** What the old primary holds beyond the restore point, read by the test itself, parsed as input events. */
    private static List<Line> strandedEvents(Hubs primary, JsonNode restoreOffsets) throws Exception {
        List<Line> out = new ArrayList<>();
        for (Read r : primary.readAll(IN)) {
            long from = restoreOffsets.path(IN + "|" + r.partition()).asLong(0);
            if (r.offset() < from) continue;
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

    private static Map<String, String> withoutClock(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>(m);
        out.keySet().removeIf(k -> k.startsWith("zz-clock|"));
        return out;
    }
}
