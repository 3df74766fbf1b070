package io.github.fgf.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.testing.Events;
import io.github.fgf.testing.Events.Line;
import io.github.fgf.testing.ExpectedAggregates;
import io.github.fgf.testing.Hubs;
import io.github.fgf.testing.Hubs.Read;
import io.github.fgf.testing.WindowComparison;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.azurite.BlobContainers;
import io.github.fgf.localregions.shared.SharedEnvironment;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.grs.LastSyncTime;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import io.github.fgf.localregions.process.ProcessRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shaded job jar on the local environment's session clusters, reading through the Geo-DR
 * alias, checkpointing to wasb:// on Azurite. Outputs are compared as the final value per key
 * against the test's own computation; duplicates are counted separately.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelemetryJobITCase {

    static final long WINDOW = 60_000;
    static final Set<String> CLOCK_DEVICES = Set.of("zz-clock", "zz-flush");
    static Path workDir;
    static LocalRegions regions;
    static Environment env;
    static String primaryJar;
    // Shared by the stop/restore and failover-style tests.
    static List<Line> srEvents;
    static String savepoint;
    static long savepointProgress;
    static Instant savepointCompleted;

    @BeforeAll
    static void up() throws Exception {
        // The build's one environment (later modules adopt it; the build's end stops it), reset as an up leaves it.
        env = SharedEnvironment.fresh(SharedEnvironment.defaults().withGrsLag(Duration.ZERO));
        regions = SharedEnvironment.regions();
        workDir = SharedEnvironment.workDir();
        primaryJar = flink("primary").upload(Path.of("target/job-all.jar"));
    }

    static FlinkJobs flink(String region) {
        return new FlinkJobs(env.region(region).flink().restUrl());
    }

    static Hubs hubs(String region) {
        Environment.Region r = env.region(region);
        return new Hubs(KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString()));
    }

    /** Job arguments reading through the alias (primary) or a region's own broker. */
    static List<String> args(String region, boolean viaAlias, String prefix, Map<String, String> extra) {
        Environment.Region r = env.region(region);
        Map<String, String> a = new TreeMap<>();
        a.put("eventhubs.connection-string", viaAlias ? env.alias().connectionString() : r.kafka().connectionString());
        a.put("eventhubs.local-bootstrap", viaAlias ? env.alias().bootstrap() : r.kafka().bootstrap());
        a.put("hubs.input", prefix + "-in");
        a.put("hubs.output", prefix + "-out");
        a.put("hubs.dead-letter", prefix + "-dlq");
        a.put("hubs.late", prefix + "-late");
        a.put("eventhubs.consumer-group", prefix);
        a.put("storage.checkpoints", r.storage().checkpointsUri());
        a.put("storage.savepoints", r.storage().savepointsUri());
        a.put("checkpoint.interval", "1s");
        a.put("watermark.idle-timeout", "2s");
        a.put("source.namespace", r.namespace());
        a.put("source.start-position", "earliest");
        a.put("region.name", region);
        a.putAll(extra);
        if (extra.containsKey("eventhubs.connection-string-file")) a.remove("eventhubs.connection-string");
        List<String> out = new ArrayList<>();
        a.forEach((k, v) -> {
            out.add("--" + k);
            out.add(v);
        });
        return out;
    }

    static long base() {
        return (Instant.now().toEpochMilli() / WINDOW - 30) * WINDOW;
    }

    static Line clock(String device, long ts) {
        return Events.event(device + ":" + ts, device, ts, Map.of("tick", 1.0));
    }

    static Map<String, String> withoutClocks(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>(m);
        out.keySet().removeIf(k -> CLOCK_DEVICES.contains(k.substring(0, k.indexOf('|'))));
        return out;
    }

    /** An owner-only file holding the secret, where the JobManager (same machine) can read it. */
    static Path secretFile(String connectionString) throws java.io.IOException {
        Path f = workDir.resolve("eventhubs-connection-string");
        java.nio.file.Files.writeString(f, connectionString + "\n");
        java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /**
     * Every hub the job reads or writes, as Event Hubs needs them to exist. Left to the broker's auto-creation, an
     * output hub's first batches met NOT_LEADER_OR_FOLLOWER while it was being created, and the idempotent producer then
     * retried OUT_OF_ORDER_SEQUENCE_NUMBER for over a minute: no checkpoint completed (seen in CI).
     */
    static void createHubs(Hubs hubs, String prefix, int partitions) throws Exception {
        for (String suffix : List.of("-in", "-out", "-dlq", "-late")) hubs.create(prefix + suffix, partitions);
    }

    static void awaitRunning(FlinkJobs flink, String jobId) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"RUNNING".equals(flink.state(jobId)) && System.currentTimeMillis() < deadline) Thread.sleep(200);
        assertEquals("RUNNING", flink.state(jobId));
    }

    /** Runs one golden scenario for a late policy; returns the late events and the run's outputs. */
    private void golden(String policy) throws Exception {
        String prefix = "golden-" + policy;
        Hubs hubs = hubs("primary");
        createHubs(hubs, prefix, 2);
        long base = base();
        List<Line> phase1 = new ArrayList<>(Events.generate(prefix, base, 4, 4, policy.hashCode()));
        long maxTs = phase1.stream().mapToLong(Line::timestamp).max().orElseThrow();
        phase1.add(clock("zz-clock", maxTs + 2 * WINDOW));
        // Everything on partition 0, in order; partition 1 stays idle, as a quiet Event Hubs partition does.
        List<Long> offsets = hubs.produce(prefix + "-in", 0, phase1);
        Map<String, String> expected1 = withoutClocks(ExpectedAggregates.of(phase1, WINDOW, Set.of()));

        FlinkJobs flink = flink("primary");
        // The drop run reads its connection string from a secret file, as a mounted Kubernetes secret would give it.
        Map<String, String> extra = new java.util.HashMap<>(Map.of("late.policy", policy));
        if (policy.equals("drop")) extra.put("eventhubs.connection-string-file", secretFile(env.alias().connectionString()).toString());
        String job = flink.run(primaryJar, TelemetryJob.class.getName(), args("primary", true, prefix, extra), null, false, 1);
        try {
            List<Read> out = hubs.readUntil(prefix + "-out",
                    r -> withoutClocks(Hubs.latestCanonical(r)).size() >= expected1.size(), Duration.ofSeconds(90));
            assertEquals(expected1, withoutClocks(Hubs.latestCanonical(out)), "phase 1 aggregates");

            // Late events: their windows fired long ago (watermark = clock - 5 s - 1 ms).
            long watermark = maxTs + 2 * WINDOW - 5_000 - 1;
            List<Line> late = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                late.add(Events.event(prefix + "-late-" + i, "d-1", base + 1_000 * i, Map.of("temperature", 10.0 + i)));
            }
            hubs.produce(prefix + "-in", 0, late);
            hubs.produce(prefix + "-in", 0, List.of(clock("zz-flush", maxTs + 60 * WINDOW)));

            Map<String, String> expected = new TreeMap<>(expected1);
            if (policy.equals("adjust")) {
                // Stream Analytics' Adjust: the late events take the watermark's time.
                List<Line> adjusted = late.stream().map(l -> Events.event(l.eventId(), l.deviceId(), watermark + 1,
                        l.metrics())).toList();
                expected.putAll(ExpectedAggregates.of(adjusted, WINDOW, Set.of()));
            }
            String flushKey = "zz-clock|" + Instant.ofEpochMilli(Math.floorDiv(maxTs + 2 * WINDOW, WINDOW) * WINDOW);
            List<Read> all = hubs.readUntil(prefix + "-out", r -> r.stream().anyMatch(x -> flushKey.equals(x.key()))
                    && withoutClocks(Hubs.latestCanonical(r)).size() >= expected.size(), Duration.ofSeconds(60));
            assertEquals(expected, withoutClocks(Hubs.latestCanonical(all)), policy + " aggregates");
            assertEquals(0, Hubs.duplicates(all), "duplicates in an uninterrupted run");

            List<Read> lateHub = hubs.readUntil(prefix + "-late", r -> r.size() >= (policy.equals("side-output") ? 5 : 0),
                    Duration.ofSeconds(20));
            List<String> lateIds = new ArrayList<>();
            for (Read r : lateHub) lateIds.add(Hubs.json(r.value()).get("eventId").asText());
            assertEquals(policy.equals("side-output") ? late.stream().map(Line::eventId).toList() : List.of(), lateIds);

            // Dead letters: every malformed line, with a reason, its original payload and where it was read.
            List<Line> malformed = new ArrayList<>();
            Map<Long, String> payloadByOffset = new HashMap<>();
            for (int i = 0; i < phase1.size(); i++) {
                if (phase1.get(i).malformed()) {
                    malformed.add(phase1.get(i));
                    payloadByOffset.put(offsets.get(i), phase1.get(i).json());
                }
            }
            List<Read> dlq = hubs.readUntil(prefix + "-dlq", r -> r.size() >= malformed.size(), Duration.ofSeconds(20));
            assertEquals(malformed.size(), dlq.size());
            assertTrue(malformed.size() >= 3, "the fixture has malformed lines");
            for (Read r : dlq) {
                JsonNode d = Hubs.json(r.value());
                assertEquals(payloadByOffset.get(d.get("offset").asLong()), d.get("payload").asText());
                assertEquals(0, d.get("partition").asInt());
                assertEquals(prefix + "-in", d.get("topic").asText());
                assertTrue(!d.get("reason").asText().isBlank());
            }
        } finally {
            flink.cancel(job);
        }
    }

    @Test
    @Order(1)
    void goldenResultsWithLatePolicySideOutput() throws Exception {
        golden("side-output");
    }

    @Test
    @Order(2)
    void goldenResultsWithLatePolicyDrop() throws Exception {
        golden("drop");
    }

    @Test
    @Order(3)
    void goldenResultsWithLatePolicyAdjust() throws Exception {
        golden("adjust");
    }

    /**
     * Production-like input: 40 devices keyed over 4 partitions, two thirds of it a backlog waiting
     * before the job starts, the rest sent while it runs. One partition's backlog must not make the
     * others' events late: every window is exact and nothing reaches the late hub.
     */
    @Test
    @Order(4)
    void aBacklogKeyedByDeviceOverFourPartitionsGivesEveryWindowExactly() throws Exception {
        String prefix = "backlog4";
        Hubs hubs = hubs("primary");
        createHubs(hubs, prefix, 4);
        long base = base();
        List<Line> events = Events.generate(prefix, base, 6, 40, 4);
        int split = events.size() * 2 / 3;
        List<Integer> partitions = new ArrayList<>(hubs.produceKeyed(prefix + "-in", events.subList(0, split)));
        Map<String, String> expected = withoutClocks(ExpectedAggregates.of(events, WINDOW, Set.of()));
        assertTrue(expected.size() >= 200, "windows in the fixture: " + expected.size());

        FlinkJobs flink = flink("primary");
        String job = flink.run(primaryJar, TelemetryJob.class.getName(),
                args("primary", true, prefix, Map.of("late.policy", "side-output")), null, false, 1);
        try {
            hubs.readUntil(prefix + "-out", r -> r.size() >= 40, Duration.ofSeconds(90));
            partitions.addAll(hubs.produceKeyed(prefix + "-in", events.subList(split, events.size())));
            assertEquals(Set.of(0, 1, 2, 3), new java.util.HashSet<>(partitions), "devices spread over all 4 partitions");
            // A clock far ahead on every partition closes every window.
            long maxTs = events.stream().mapToLong(Line::timestamp).max().orElseThrow();
            for (int p = 0; p < 4; p++) hubs.produce(prefix + "-in", p, List.of(clock("zz-clock", maxTs + 2 * WINDOW + p)));

            List<Read> out = hubs.readUntil(prefix + "-out",
                    r -> withoutClocks(Hubs.latestCanonical(r)).keySet().containsAll(expected.keySet()), Duration.ofSeconds(120));
            Map<String, String> actual = withoutClocks(Hubs.latestCanonical(out));
            assertEquals(0, hubs.readAll(prefix + "-late").size(), "events the job treated as late");
            assertEquals("", WindowComparison.of(expected, actual).problems());
            assertEquals(0, Hubs.duplicates(out), "duplicates in an uninterrupted run");
        } finally {
            flink.cancel(job);
        }
    }

    @Test
    @Order(5)
    void stopWithSavepointToWasbThenRestoreLosesAndDoublesNothing() throws Exception {
        String prefix = "sr";
        Hubs hubs = hubs("primary");
        createHubs(hubs, prefix, 2);
        long base = base();
        srEvents = new ArrayList<>(Events.generate(prefix, base, 6, 3, 42));
        srEvents.add(clock("zz-flush", base + 60 * WINDOW));
        List<Line> a = srEvents.subList(0, srEvents.size() / 2);
        List<Line> b = srEvents.subList(srEvents.size() / 2, srEvents.size());
        Map<String, String> expected = withoutClocks(ExpectedAggregates.of(srEvents, WINDOW, Set.of()));
        hubs.produce(prefix + "-in", 0, a);

        FlinkJobs flink = flink("primary");
        String job1 = flink.run(primaryJar, TelemetryJob.class.getName(),
                args("primary", true, prefix, Map.of("hubs.output", "sr-out-1")), null, false, 1);
        hubs.readUntil("sr-out-1", r -> r.size() >= 3, Duration.ofSeconds(90));
        long deadline = System.currentTimeMillis() + 30_000;
        while (flink.completedCheckpoints(job1) < 1 && System.currentTimeMillis() < deadline) Thread.sleep(200);
        savepoint = flink.stopWithSavepoint(job1, env.region("primary").storage().savepointsUri(), Duration.ofSeconds(60));
        assertTrue(savepoint.startsWith("wasb://" + env.region("primary").storage().container() + "@"), savepoint);
        String metadataBlob = savepoint.substring(savepoint.indexOf('/', "wasb://".length()) + 1) + "/_metadata";
        assertTrue(BlobContainers.azurite().container(env.region("primary").storage().container())
                .getBlobClient(metadataBlob).exists(), metadataBlob);
        savepointProgress = a.stream().mapToLong(Line::timestamp).max().orElseThrow();
        savepointCompleted = Instant.now();

        hubs.produce(prefix + "-in", 0, b);
        String job2 = flink.run(primaryJar, TelemetryJob.class.getName(),
                args("primary", true, prefix, Map.of("hubs.output", "sr-out-2")), savepoint, false, 1);
        try {
            Map<String, String> merged = new TreeMap<>();
            List<Read> out1 = hubs.readAll("sr-out-1");
            hubs.readUntil("sr-out-2", r -> {
                merged.clear();
                merged.putAll(Hubs.latestCanonical(out1));
                merged.putAll(Hubs.latestCanonical(r));
                return withoutClocks(merged).equals(expected);
            }, Duration.ofSeconds(90));
            assertEquals(expected, withoutClocks(merged));
            assertEquals(0, Hubs.duplicates(out1) + Hubs.duplicates(hubs.readAll("sr-out-2")));
        } finally {
            flink.cancel(job2);
        }
    }

    @Test
    @Order(6)
    void failoverStyleRestoreReplaysFromATimestampOnTheOtherBrokerWithoutDoubleCounting() throws Exception {
        // Geo-Replication: the secondary namespace holds the same events, same ids and enqueued times.
        Hubs secondary = hubs("secondary");
        createHubs(secondary, "sr", 2);
        secondary.produce("sr-in", 0, srEvents);
        // T before the savepoint's progress: events the savepoint already counted are replayed.
        Instant t = Instant.ofEpochMilli(savepointProgress - 2 * WINDOW);
        // Region B restores from the GRS copy of the savepoint, not from A's container.
        Environment.Storage a = env.region("primary").storage();
        String replica = savepoint.replace(a.container() + "@", a.secondaryContainer() + "@");
        // Existence proves nothing (an older, partial version may be there): wait for the Last Sync Time.
        long deadline = System.currentTimeMillis() + 30_000;
        while (LastSyncTime.read(Path.of(a.lastSyncTimeFile())).orElseThrow().instant().isBefore(savepointCompleted)
                && System.currentTimeMillis() < deadline) Thread.sleep(200);
        assertTrue(!LastSyncTime.read(Path.of(a.lastSyncTimeFile())).orElseThrow().instant().isBefore(savepointCompleted));

        FlinkJobs flink = flink("secondary");
        String jar = flink.upload(Path.of("target/job-all.jar"));
        String job;
        try {
            job = flink.run(jar, TelemetryJob.class.getName(), args("secondary", false, "sr", Map.of(
                    "hubs.output", "sr-out-3", "source.start-position", "timestamp:" + t, "failover.epoch", "1")),
                    replica, true, 1);
        } catch (java.io.IOException e) {
            throw new AssertionError("restore from " + replica + " failed; Last Sync Time "
                    + LastSyncTime.read(Path.of(a.lastSyncTimeFile())).orElseThrow().lastSyncTime() + ", savepoint completed "
                    + savepointCompleted + "\nprimary:\n" + blobs(a.container(), savepoint) + "\nsecondary:\n"
                    + blobs(a.secondaryContainer(), savepoint), e);
        }
        try {
            Map<String, String> expected = withoutClocks(ExpectedAggregates.of(srEvents, WINDOW, Set.of()));
            List<Read> out1 = hubs("primary").readAll("sr-out-1");
            Map<String, String> merged = new TreeMap<>();
            List<Read> out3 = secondary.readUntil("sr-out-3", r -> {
                merged.clear();
                merged.putAll(Hubs.latestCanonical(out1));
                merged.putAll(Hubs.latestCanonical(r));
                return withoutClocks(merged).equals(expected);
            }, Duration.ofSeconds(90));
            assertEquals(expected, withoutClocks(merged));
            assertEquals(0, Hubs.duplicates(out3));
            JsonNode first = Hubs.json(out3.get(0).value());
            assertEquals("secondary", first.get("region").asText());
            assertEquals(1, first.get("epoch").asLong());
        } finally {
            flink.cancel(job);
        }
    }

    @Test
    @Order(7)
    void aKilledTaskManagerRecoversFromTheLatestCheckpointWithEqualAggregates() throws Exception {
        throughATaskManagerCrash("crash", 7, Map.of(), (flink, job, expected) -> {
            List<Read> out = hubs("primary").readUntil("crash-out",
                    r -> withoutClocks(Hubs.latestCanonical(r)).equals(expected), Duration.ofSeconds(150));
            assertEquals(expected, withoutClocks(Hubs.latestCanonical(out)));
            assertEquals("RUNNING", flink.state(job));
        });
    }

    @Test
    @Order(8)
    void exactlyOnceSinksEmitEachWindowOnceAcrossATaskManagerCrash() throws Exception {
        throughATaskManagerCrash("eos", 11, Map.of("sink.delivery-guarantee", "exactly-once"), (flink, job, expected) -> {
            Properties committedOnly = KafkaBrokerLauncher.clientProperties(env.region("primary").kafka().bootstrap(),
                    env.region("primary").kafka().connectionString());
            committedOnly.setProperty("isolation.level", "read_committed");
            List<Read> out = new Hubs(committedOnly).readUntil("eos-out",
                    r -> withoutClocks(Hubs.latestCanonical(r)).equals(expected), Duration.ofSeconds(150));
            assertEquals(expected, withoutClocks(Hubs.latestCanonical(out)));
            // Each window is emitted once (no allowed lateness), so a committed reader sees exactly one record per window.
            long windowRecords = out.stream().filter(r -> !withoutClocks(Map.of(r.key(), "")).isEmpty()).count();
            assertEquals(expected.size(), windowRecords, "records a read_committed consumer sees per window");
        });
    }

    /** What a crash test checks once the TaskManager is back: the job, and the aggregates the events must give. */
    interface AfterCrash {
        void check(FlinkJobs flink, String job, Map<String, String> expected) throws Exception;
    }

    /**
     * Runs the job (with {@code extra} options) through a TaskManager crash: a third of the events
     * before it starts, a third after two checkpoints, then the TaskManager killed, the last third,
     * and a new TaskManager. Checks that the job restored from a checkpoint, not from scratch.
     */
    private void throughATaskManagerCrash(String prefix, int seed, Map<String, String> extra, AfterCrash check) throws Exception {
        Hubs hubs = hubs("primary");
        createHubs(hubs, prefix, 2);
        long base = base();
        List<Line> events = new ArrayList<>(Events.generate(prefix, base, 8, 3, seed));
        events.add(clock("zz-flush", base + 60 * WINDOW));
        Map<String, String> expected = withoutClocks(ExpectedAggregates.of(events, WINDOW, Set.of()));
        int third = events.size() / 3;
        hubs.produce(prefix + "-in", 0, events.subList(0, third));

        FlinkJobs flink = flink("primary");
        String job = flink.run(primaryJar, TelemetryJob.class.getName(), args("primary", true, prefix, extra), null, false, 1);
        try {
            awaitRunning(flink, job);
            long deadline = System.currentTimeMillis() + 60_000;
            while (flink.completedCheckpoints(job) < 2 && System.currentTimeMillis() < deadline) Thread.sleep(200);
            if (flink.completedCheckpoints(job) < 2) {
                // What Flink says about the job, so that a slow start can be told from a stuck checkpoint.
                String why = "job " + job + " vertices " + flink.get("/jobs/" + job).path("vertices").findValuesAsText("status")
                        + ", checkpoints " + flink.get("/jobs/" + job + "/checkpoints").path("counts")
                        + ", latest " + flink.get("/jobs/" + job + "/checkpoints").path("latest")
                        + ", exceptions " + flink.get("/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries")
                        + ", cluster " + flink.get("/overview");
                java.nio.file.Path keep = java.nio.file.Path.of("target", "crash-test-logs-" + prefix);
                try (var files = java.nio.file.Files.list(workDir.resolve("logs"))) {
                    java.nio.file.Files.createDirectories(keep);
                    for (java.nio.file.Path f : files.toList()) java.nio.file.Files.copy(f, keep.resolve(f.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                org.junit.jupiter.api.Assertions.fail("fewer than 2 checkpoints in 60 s (logs kept in " + keep + "): " + why);
            }
            hubs.produce(prefix + "-in", 0, events.subList(third, 2 * third));
            // windows close and are written after the last checkpoint (inside the open transaction with exactly-once)
            Thread.sleep(500);

            ProcessRef oldTm = regions.environment().region("primary").flink().taskManager();
            oldTm.kill(Duration.ofSeconds(5));
            hubs.produce(prefix + "-in", 0, events.subList(2 * third, events.size()));
            env = regions.restartTaskManager("primary", Duration.ofSeconds(90));
            assertNotEquals(oldTm.pid(), env.region("primary").flink().taskManager().pid());

            try {
                check.check(flink, job, expected);
            } catch (AssertionError e) {
                // Keep what tells a slow recovery from a stuck one: the job's checkpoints and exceptions, and the logs.
                java.nio.file.Path keep = java.nio.file.Path.of("target", "crash-test-logs-" + prefix);
                try (var files = java.nio.file.Files.list(workDir.resolve("logs"))) {
                    java.nio.file.Files.createDirectories(keep);
                    for (java.nio.file.Path f : files.toList()) java.nio.file.Files.copy(f, keep.resolve(f.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                throw new AssertionError("after the TaskManager crash (logs kept in " + keep + "): job " + flink.state(job)
                        + ", checkpoints " + flink.get("/jobs/" + job + "/checkpoints").path("counts")
                        + ", exceptions " + flink.get("/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries")
                        + "; " + e.getMessage(), e);
            }
            assertTrue(flink.get("/jobs/" + job + "/checkpoints").path("latest").path("restored").has("id"),
                    "the job did not restore from a checkpoint");
        } finally {
            flink.cancel(job);
        }
    }

    /** main() of a jar run over REST runs inside the JobManager: a bad option must fail the submission, not the JobManager. */
    @Test
    @Order(9)
    void aBadOptionInAJarRunOverRestFailsTheSubmissionAndTheJobManagerLivesOn() throws Exception {
        FlinkJobs flink = flink("primary");
        String cs = env.alias().connectionString();
        java.util.Set<String> before = new java.util.HashSet<>();
        flink.jobs().forEach(j -> before.add(j.id()));
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> flink.run(
                primaryJar, TelemetryJob.class.getName(), List.of("--eventhubs.connection-string", cs, "--late.policy", "ignore"),
                null, false, 1));
        assertTrue(refused.getMessage().contains("telemetry-job: bad option 'late.policy': expected one of drop, adjust, side-output"),
                refused.getMessage());
        assertTrue(!refused.getMessage().contains(cs.substring(cs.indexOf("SharedAccessKey=") + 16)), "the key in the REST answer");
        assertTrue(env.region("primary").flink().jobManager().alive(), "the JobManager died");
        // (an earlier test's job may still be cancelling: only a new job would be one started from bad options)
        assertEquals(List.of(), flink.jobs().stream().map(FlinkJobs.Job::id).filter(id -> !before.contains(id)).toList(),
                "a job started from bad options");
    }

    @Test
    @Order(10)
    void noLogOfAnyProcessContainsTheConnectionStringKey() throws Exception {
        String cs = env.alias().connectionString();
        String key = cs.substring(cs.indexOf("SharedAccessKey=") + "SharedAccessKey=".length());
        List<Path> logs;
        try (var files = java.nio.file.Files.list(workDir.resolve("logs"))) {
            // Our processes' logs and console output; RocksDB's own LOG files come and go with jobs.
            logs = files.filter(f -> f.getFileName().toString().endsWith(".log")
                    || f.getFileName().toString().endsWith(".log.out")).toList();
        }
        assertTrue(logs.size() > 5, "expected the servers' logs in " + workDir.resolve("logs"));
        for (Path log : logs) {
            String text = java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(!text.contains(key), log + " contains the Event Hubs key");
        }
    }

    /** Blobs of a container under a savepoint's path, with size, modification time and metadata. */
    private static String blobs(String container, String savepointUri) {
        String prefix = savepointUri.substring(savepointUri.indexOf('/', "wasb://".length()) + 1);
        StringBuilder b = new StringBuilder();
        BlobContainers.azurite().container(container).listBlobs(new com.azure.storage.blob.models.ListBlobsOptions()
                .setPrefix(prefix.substring(0, prefix.lastIndexOf('/')))
                .setDetails(new com.azure.storage.blob.models.BlobListDetails().setRetrieveMetadata(true)), null)
                .forEach(i -> b.append("  ").append(i.getName()).append(' ').append(i.getProperties().getContentLength())
                        .append(' ').append(i.getProperties().getLastModified()).append(' ').append(i.getMetadata()).append('\n'));
        return b.toString();
    }
}
