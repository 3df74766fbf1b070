package io.github.fgf.controller.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fgf.controller.act.WatchLoop;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.controller.report.FailoverReport;
import io.github.fgf.testing.Events;
import io.github.fgf.testing.Hubs;
import io.github.fgf.testing.OutputAudit;
import io.github.fgf.testing.PacedProducer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drill: the job runs in the primary with production-like traffic (a backlog, then the same devices sending
 * through the alias throughout), the failure is injected (forced: the primary killed at a point of the savepoint
 * cycle, and {@code watch --auto} detects it and fails over; planned: {@code failover --planned}), the producer keeps
 * sending, the lost region is revived and failed back, and the output both regions emitted is audited window by window
 * against the acknowledged events. Times count from the loss.
 */
public final class DrillRun {

    private static final Logger LOG = LoggerFactory.getLogger(DrillRun.class);
    static final long WINDOW = 60_000;
    private final DrillEnvironment env;
    private final DrillOptions options;
    private final Clock clock;
    private final LiveProgress progress;

    public DrillRun(DrillEnvironment env, DrillOptions options, Clock clock, LiveProgress progress) {
        this.env = env;
        this.options = options;
        this.clock = clock;
        this.progress = progress;
    }

    /** What one run produced: its measurements and where its reports are. */
    public record Outcome(DrillResult result, DrillReport.Paths reports) {}

    public Outcome run(String runId) throws Exception {
        Path runDir = options.reportDir().resolve(runId).toAbsolutePath();
        Instant started = clock.instant();
        progress.phase("preparing");
        DrillEnvironment.Prepared p = env.prepare(runId, runDir, options);
        Topology t = TopologyFile.read(p.topology());
        String a = t.primary().name();
        String b = t.secondary().name();
        Properties alias = aliasClient(t);
        ControllerCalls controller = new ControllerCalls(p.topology(), runDir.resolve("controller"));
        try (Timeline timeline = new Timeline(clock);
             // Shared hubs of a real deployment hold production's history: read only what comes after the drill began.
             OutputFollower outA = new OutputFollower(a, KafkaEndpoint.clientProperties(t.primary(), "the drill"), p.outputHub(), !env.canKill());
             OutputFollower outB = new OutputFollower(b, KafkaEndpoint.clientProperties(t.secondary(), "the drill"), p.outputHub(), !env.canKill());
             OutputFollower lateA = new OutputFollower(a + "-late", committed(KafkaEndpoint.clientProperties(t.primary(), "the drill")), p.lateHub(), !env.canKill());
             OutputFollower lateB = new OutputFollower(b + "-late", committed(KafkaEndpoint.clientProperties(t.secondary(), "the drill")), p.lateHub(), !env.canKill())) {
            timeline.sample(a, KafkaEndpoint.clientProperties(t.primary(), "the drill"), p.inputHub(), p.outputHub());
            timeline.sample(b, KafkaEndpoint.clientProperties(t.secondary(), "the drill"), p.inputHub(), p.outputHub());
            // A backlog of old events and the clock event that closes every window are for hubs of the drill's own: on a
            // real deployment's hubs they would be late for the running job and would move production's watermark.
            List<Events.Line> acked = new ArrayList<>(env.canKill() ? sendBacklog(alias, p, runId) : List.of());
            if (env.canKill()) timeline.mark(clock.instant(), "backlog sent");
            long producerStart = clock.millis();
            PacedProducer producer = new PacedProducer(alias, p.inputHub(), "r" + runId, p.devicePrefix(), options.devices(),
                    options.interval().toMillis());
            int backlog = acked.size();
            progress.follow(timeline, () -> backlog + producer.acknowledgedCount(), List.of(a, b));
            DrillResult r;
            try (producer) {
                progress.phase("baseline in " + a);
                int before = producer.acknowledgedCount();
                Thread.sleep(options.baseline().toMillis());
                double baselineRate = (producer.acknowledgedCount() - before) / (options.baseline().toMillis() / 1000.0);
                Failure f = options.planned() ? planned(controller, timeline)
                        : env.canKill() ? forced(controller, timeline, t, a) : declared(controller, timeline, t, a);
                FailoverReport report = f.report();
                // Detection is measured only where the drill cut the power and watch had to notice.
                Instant declared = options.planned() || !env.canKill() ? null : instant(report.declaredAt());
                if (declared != null) timeline.mark(declared, "declared lost");
                report.steps().forEach((step, at) -> timeline.mark(Instant.parse(at), step));
                progress.phase("running in " + b);
                Thread.sleep(options.afterFailover().toMillis());
                Instant revivedAt = null;
                Instant failbackDone = null;
                Long found = null;
                DrillResult.GeoReplicationCheck geo = null;
                if (!options.planned() && options.failback() && "done".equals(report.status())) {
                    progress.phase("reviving " + a);
                    env.revive(a);
                    revivedAt = clock.instant();
                    timeline.mark(revivedAt, "revived " + a);
                    // Before failback makes the old primary a replica again (which empties it): what never reached the new one.
                    var unreplicated = options.geoReplication() ? env.unreplicated(p.inputHub(), a, b) : java.util.Optional.<Map<Integer, java.util.Set<Long>>>empty();
                    progress.phase("failing back");
                    ControllerCalls.Outcome fb = controller.run(l -> {}, "failback");
                    if (fb.exit() != 0) throw new IllegalStateException("failback exited " + fb.exit() + ": " + fb.errors().strip());
                    JsonNode j = fb.lastJson();
                    found = j.path("found").asLong();
                    if (unreplicated.isPresent()) {
                        geo = GeoReplicationChecks.compare(j.path("lostInReplication"), unreplicated.get(), p.inputHub(),
                                report.replication() == null ? 0 : report.replication().repositioned().size());
                        // What the failover's estimate bounds in this mode: the records that never reached the new primary.
                        found = geo.lostReported();
                    }
                    failbackDone = clock.instant();
                    timeline.mark(failbackDone, "failed back");
                }
                progress.phase("settling");
                Instant producerStopped = clock.instant();
                acked.addAll(producer.stop());
                if (env.canKill()) closeAllWindows(alias, p.inputHub());
                OutputTimes.Emission firstB = awaitFirst(outB, f.lossAt(), p.devicePrefix(), Duration.ofSeconds(60));
                Instant firstOutputB = firstB == null ? null : firstB.at();
                if (firstOutputB != null) timeline.mark(firstOutputB, "first output from " + b);
                OutputAudit audit = awaitAudit(acked, outA, outB, p.devicePrefix(), Duration.ofSeconds(120));
                DrillResult.OutputTiming timing = new DrillResult.OutputTiming(firstB == null ? null : firstB.windowEnd(),
                        OutputTimes.mostDelayed(outA.reads(), outB.reads(), p.devicePrefix(), f.lossAt(), producerStopped).orElse(null));
                Instant caughtUp = firstOutputB == null ? null : timeline.caughtUp(b, firstOutputB, Duration.ofSeconds(2)).orElse(null);
                if (caughtUp != null) timeline.mark(caughtUp, "caught up");
                long[] latency = latency(outA.reads(), producerStart, f.lossAt());
                r = new DrillResult(runId, options.mode(), started, f.lossAt(), f.afterSavepoint(), declared,
                        steps(report), report.status(), report.reason(), report.restorePoint(), instant(report.restorePointCompletedAt()),
                        firstOutputB, caughtUp, revivedAt, failbackDone, report.eventsAtRisk(), report.eventsAtRiskUpperBound(), found,
                        baselineRate, latency == null ? null : latency[0], latency == null ? null : latency[1], acked.size(),
                        producer.failedSends(), audit, detectionTarget(t), clock.instant(), shipping(f, t, report), timing, geo,
                        LateEvents.count(acked, lateA.reads(), lateB.reads()));
            }
            progress.phase("reporting");
            DrillReport.Paths paths = DrillReport.write(runDir, r, options.targets(), timeline);
            LOG.info("Drill {} {}: output {}; reports in {}", runId, r.verdict(options.targets()),
                    r.exact() ? "exact" : r.audit().problems(), runDir);
            return new Outcome(r, paths);
        }
    }

    /** The environment may still be changing under a controller this run started: no further run may reset it. */
    public static final class Unsafe extends RuntimeException {
        Unsafe(String message) {
            super(message);
        }
    }

    /**
     * How the failure went: when the loss was, how long after a savepoint, the controller's failover report, and the
     * CHECKPOINT_SHIPPED events watch printed before the loss.
     */
    private record Failure(Instant lossAt, Double afterSavepoint, FailoverReport report, List<JsonNode> shipments) {
        Failure(Instant lossAt, Double afterSavepoint, FailoverReport report) {
            this(lossAt, afterSavepoint, report, List.of());
        }
    }

    private static DrillResult.Shipping shipping(Failure f, Topology t, FailoverReport report) {
        if (!t.primary().storage().shipsCheckpoints() || f.shipments().isEmpty()) return null;
        List<JsonNode> before = f.shipments().stream().filter(e -> Instant.parse(e.path("at").asText()).isBefore(f.lossAt())).toList();
        var lag = before.stream().map(e -> e.path("shipment").path("lagMillis")).filter(JsonNode::isNumber)
                .mapToLong(JsonNode::asLong).max();
        Long perHour = before.isEmpty() ? null : before.get(before.size() - 1).path("shipment").path("bytesPerHour").asLong();
        // The interval as the checkpoints came: the longest gap between two shipped checkpoints' completions, at least the
        // configured interval.
        double gap = io.github.fgf.job.config.Durations.parse(t.job().arg("--checkpoint.interval", "10s")).toMillis() / 1000.0;
        for (int i = 1; i < before.size(); i++) {
            Instant prev = Instant.parse(before.get(i - 1).path("shipment").path("report").path("checkpointCompletedAt").asText());
            Instant next = Instant.parse(before.get(i).path("shipment").path("report").path("checkpointCompletedAt").asText());
            gap = Math.max(gap, Duration.between(prev, next).toMillis() / 1000.0);
        }
        String shipTo = io.github.fgf.statetools.location.SnapshotUri.parse(t.primary().storage().shipCheckpointsTo()).key();
        boolean restoredShipped = report.restorePoint() != null
                && io.github.fgf.statetools.location.SnapshotUri.parse(report.restorePoint()).key().startsWith(shipTo + "/");
        return new DrillResult.Shipping(before.size(), lag.isPresent() ? lag.getAsLong() : null, perHour, gap, restoredShipped);
    }

    private Failure planned(ControllerCalls controller, Timeline timeline) throws Exception {
        progress.phase("planned failover");
        Instant loss = clock.instant();
        timeline.mark(loss, "planned failover begins");
        ControllerCalls.Outcome o = controller.run(l -> {}, "failover", "--planned");
        if (o.exit() != 0) throw new IllegalStateException("failover --planned exited " + o.exit() + ": " + o.why());
        return new Failure(loss, null, o.report());
    }

    /**
     * A forced drill where the region cannot be killed (a real deployment): at the chosen point after a savepoint the
     * drill runs {@code failover} itself, which fences the primary's job as on a real loss; detection is not measured.
     */
    private Failure declared(ControllerCalls controller, Timeline timeline, Topology t, String a) throws Exception {
        progress.phase("savepoint of " + a);
        ControllerCalls.Outcome sp = controller.run(l -> {}, "savepoint");
        if (sp.exit() != 0) throw new IllegalStateException("savepoint exited " + sp.exit() + ": " + sp.errors().strip());
        Instant savepointAt = clock.instant();
        timeline.mark(savepointAt, "savepoint");
        Duration offset = killOffset(t);
        progress.phase("armed: failover in " + Figure.trim(offset.toMillis() / 1000.0) + " s");
        Thread.sleep(offset.toMillis());
        Instant loss = clock.instant();
        timeline.mark(loss, "loss: forced failover from " + a + " begins");
        ControllerCalls.Outcome o = controller.run(l -> {}, "failover");
        if (o.exit() != 0) throw new IllegalStateException("failover exited " + o.exit() + ": " + o.why());
        return new Failure(loss, Duration.between(savepointAt, loss).toMillis() / 1000.0, o.report());
    }

    private Duration killOffset(Topology t) {
        return options.killAfterSavepoint().orElseGet(() -> Duration.ofMillis(
                (long) (new java.util.SplittableRandom(options.seed()).nextDouble() * t.policy().savepointInterval().toMillis())));
    }

    private Failure forced(ControllerCalls controller, Timeline timeline, Topology t, String a) throws Exception {
        progress.phase("watching " + a);
        List<Instant> savepoints = new CopyOnWriteArrayList<>();
        List<JsonNode> shipments = new CopyOnWriteArrayList<>();
        boolean ships = t.primary().storage().shipsCheckpoints();
        // Enough rounds to arm (three savepoint intervals and a minute), wait for the kill point and detect, with room.
        Duration budget = t.policy().savepointInterval().multipliedBy(4).plusMinutes(11);
        long rounds = Math.max(60, budget.toMillis() / t.policy().probeInterval().toMillis());
        ControllerCalls.Outcome[] watched = new ControllerCalls.Outcome[1];
        Thread watch = new Thread(() -> watched[0] = controller.run(line -> onWatchEvent(line, savepoints, shipments, timeline),
                "watch", "--auto", "--metrics-port", "0", "--rounds", String.valueOf(rounds)), "drill-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            // The cycle runs once a second savepoint is taken: the first has replicated by then (the interval is longer
            // than the GRS lag), so a loss at any point of the cycle has a restore point, as in steady operation.
            Duration interval = t.policy().savepointInterval();
            Duration armIn = interval.multipliedBy(3).plusMinutes(1);
            long deadline = System.nanoTime() + armIn.toNanos();
            // With shipping, also once a checkpoint has shipped: the restore point a loss now would find in the secondary.
            while ((savepoints.size() < 2 || (ships && shipments.isEmpty())) && System.nanoTime() < deadline && watch.isAlive()) {
                Thread.sleep(200);
            }
            if (!watch.isAlive()) {
                watch.join();
                throw new IllegalStateException("watch ended before the drill armed: " + watched[0].why());
            }
            if (savepoints.size() < 2) throw new IllegalStateException("watch took " + savepoints.size()
                    + " savepoints of the primary's job within " + armIn.toSeconds() + " s; a drill needs two");
            if (ships && shipments.isEmpty()) throw new IllegalStateException("watch shipped no checkpoint of the primary's job within "
                    + armIn.toSeconds() + " s (see controller/watch.out for SHIPPING_FAILED)");
            Duration offset = killOffset(t);
            progress.phase("armed: kill in " + Figure.trim(offset.toMillis() / 1000.0) + " s");
            Instant killAt = savepoints.get(savepoints.size() - 1).plus(offset);
            long wait = Duration.between(clock.instant(), killAt).toMillis();
            if (wait > 0) Thread.sleep(wait);
            Instant lastSavepoint = savepoints.get(savepoints.size() - 1);
            LOG.info("Drill: killing region {} {} ms after its savepoint of {}", a, Duration.between(lastSavepoint, clock.instant()).toMillis(),
                    lastSavepoint);
            Instant loss = env.kill(a);
            timeline.mark(loss, "loss: " + a + " killed");
            progress.phase(a + " lost");
            watch.join(Duration.ofMinutes(10).toMillis());
            if (watch.isAlive()) throw new IllegalStateException("watch --auto did not fail over within 10 minutes of the loss");
            ControllerCalls.Outcome o = watched[0];
            if (o.exit() != 0) throw new IllegalStateException("watch --auto exited " + o.exit() + ": " + o.why());
            return new Failure(loss, Duration.between(lastSavepoint, loss).toMillis() / 1000.0, o.report(), List.copyOf(shipments));
        } finally {
            watch.interrupt();
            // A watch still running could fail over beneath the next run's reset: that must stop the matrix.
            watch.join(Duration.ofSeconds(60).toMillis());
            if (watch.isAlive()) throw new Unsafe("watch --auto did not stop within 60 s of the drill's end");
        }
    }

    private static void onWatchEvent(String line, List<Instant> savepoints, List<JsonNode> shipments, Timeline timeline) {
        if (!line.startsWith("{\"type\"")) return;
        try {
            JsonNode e = ControllerCalls.JSON.readTree(line);
            Instant at = Instant.parse(e.path("at").asText());
            switch (e.path("type").asText()) {
                case "SAVEPOINT" -> {
                    savepoints.add(at);
                    timeline.mark(at, "savepoint");
                }
                // Not marked on the chart: with a checkpoint a second, the markers would hide everything else.
                case "CHECKPOINT_SHIPPED" -> shipments.add(e);
                default -> { }
            }
        } catch (Exception ignored) {
            // Not an event line: the failover report, printed last.
        }
    }

    /** Three minutes of events from the same devices, two to five minutes old (duplicates, disorder, malformed lines). */
    private List<Events.Line> sendBacklog(Properties alias, DrillEnvironment.Prepared p, String runId) throws Exception {
        long base = (clock.millis() / WINDOW - 5) * WINDOW;
        List<Events.Line> all = Events.generate("bk" + runId, base, 3, options.devices(), options.seed());
        List<Events.Line> mine = new ArrayList<>();
        for (Events.Line l : all) {
            // The generator names devices d-<n>; a drill on shared hubs gives its devices a prefix of their own.
            mine.add(l.deviceId() == null ? l : Events.event(l.eventId(), p.devicePrefix() + l.deviceId().substring(2), l.timestamp(), l.metrics()));
        }
        new Hubs(alias).produceKeyed(p.inputHub(), mine);
        return mine;
    }

    /** Read committed: behind an exactly-once sink, records of aborted transactions were never sent late. */
    private static Properties committed(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.setProperty("isolation.level", "read_committed");
        return p;
    }

    /** A clock event far ahead on every partition: every window closes. */
    private void closeAllWindows(Properties alias, String hub) throws Exception {
        long at = clock.millis() + 3 * WINDOW;
        Hubs hubs = new Hubs(alias);
        for (int part = 0; part < 4; part++) {
            hubs.produce(hub, part, List.of(Events.event("clock-" + at + "-" + part, "zz-clock", at + part, Map.of("tick", 1.0))));
        }
    }

    /** The first record of the drill's devices the region wrote after the loss. */
    private static OutputTimes.Emission awaitFirst(OutputFollower f, Instant loss, String devicePrefix, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var first = OutputTimes.first(f.reads(), loss, devicePrefix);
            if (first.isPresent()) return first.get();
            Thread.sleep(500);
        }
        return null;
    }

    /** Audits until the output is exact, or the timeout: a consumer keeps reading while the last windows arrive. */
    private static OutputAudit awaitAudit(List<Events.Line> acked, OutputFollower a, OutputFollower b, String devicePrefix,
                                          Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutputAudit audit;
        do {
            List<Hubs.Read> all = new ArrayList<>(a.reads());
            all.addAll(b.reads());
            audit = OutputAudit.of(acked, all, WINDOW, d -> d.startsWith(devicePrefix));
            if (audit.exact()) return audit;
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return audit;
    }

    /**
     * Baseline latency, p50 and p99: a window's end to its output record, for windows that ended after the producer
     * started (so not the backlog's, which close as soon as live events pass them) and were emitted before the loss.
     */
    private static long[] latency(List<Hubs.Read> reads, long producerStart, Instant loss) {
        List<Long> l = new ArrayList<>();
        for (Hubs.Read r : reads) {
            try {
                long end = Instant.parse(ControllerCalls.JSON.readTree(r.value()).path("windowEnd").asText()).toEpochMilli();
                if (end > producerStart && r.timestamp() < loss.toEpochMilli()) l.add(r.timestamp() - end);
            } catch (Exception ignored) {
                // Not a window record.
            }
        }
        if (l.isEmpty()) return null;
        l.sort(null);
        return new long[] {l.get(l.size() / 2), l.get(Math.min(l.size() - 1, (int) Math.ceil(l.size() * 0.99) - 1))};
    }

    private static Properties aliasClient(Topology t) {
        Topology.Alias al = t.alias();
        var cs = io.github.fgf.job.eventhubs.EventHubsConnectionString.parse(al.connectionString(), al.bootstrap());
        return KafkaEndpoint.clientProperties(cs.bootstrapServers(), al.connectionString(), !cs.local());
    }

    private static double detectionTarget(Topology t) {
        Duration d = t.policy().probeInterval().multipliedBy(t.policy().failureThreshold()).plus(WatchLoop.probeTimeout(t.policy()));
        return d.toMillis() / 1000.0;
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static Map<String, Instant> steps(FailoverReport r) {
        Map<String, Instant> m = new TreeMap<>();
        if (r.steps() != null) r.steps().forEach((k, v) -> m.put(k, Instant.parse(v)));
        return m;
    }
}
