package io.github.fgf.controller.act;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.decide.LossDetector;
import io.github.fgf.controller.decide.RestorePointSelector;
import io.github.fgf.controller.observe.EndOffsetsProbe;
import io.github.fgf.controller.observe.GeoSecondaryRestorePoints;
import io.github.fgf.controller.observe.Metrics;
import io.github.fgf.controller.observe.RegionProbe;
import io.github.fgf.controller.observe.RestorePointObserver;
import io.github.fgf.controller.observe.RestorePoints;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The watch loop: observe (probe the primary), decide (loss detector), act (savepoints while
 * healthy; failover when lost, if automatic). Publishes its view as metrics every round.
 *
 * <p>The probe thread only probes and decides, at a fixed rate: a round starts every probe
 * interval, whatever the last one cost. Savepoints (which can take minutes) and the restore-point
 * observation (listing and reading savepoints) run on threads of their own, one at a time each, so
 * neither ever delays detection.
 */
public final class WatchLoop {

    private static final Logger LOG = LoggerFactory.getLogger(WatchLoop.class);

    private final Topology topology;
    private final RegionProbe probe;
    private final Optional<RegionProbe> secondaryProbe;
    private final RestorePoints restorePoints;
    private final Metrics metrics;
    private final boolean auto;
    private final Supplier<FailoverRunner> failover;
    private final SavepointScheduler savepoints;
    private final Path stateDir;
    private final ExecutorService background = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "watch-background");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean savepointInFlight = new AtomicBoolean();
    private final AtomicBoolean observationInFlight = new AtomicBoolean();
    private final AtomicReference<String> lastObservationProblem = new AtomicReference<>("");
    private Optional<RecordStore> secondaryStore = Optional.empty();
    private Optional<CheckpointShipper> shipper = Optional.empty();
    private volatile boolean primaryHealthy;
    private final AtomicReference<String> lastShippingProblem = new AtomicReference<>("");
    private final java.util.concurrent.atomic.AtomicLong shippedBytes = new java.util.concurrent.atomic.AtomicLong();
    /** How often the shipper asks Flink for a newer checkpoint: well under a checkpoint interval, so RPO gains little. */
    static final Duration SHIP_POLL = Duration.ofMillis(500);
    private final AtomicBoolean epochSyncInFlight = new AtomicBoolean();
    private final AtomicBoolean standbyInFlight = new AtomicBoolean();
    private final AtomicReference<String> lastStandbyProblem = new AtomicReference<>("");
    private Optional<io.github.fgf.flinkclient.FlinkClient> standby = Optional.empty();
    private volatile long standbyCheckedAt;
    private volatile long epochSynced = -1;

    /**
     * The secondary's record store: each healthy round makes sure it knows the epoch of the job running in the primary,
     * so that a failover back into the secondary, with this primary lost before any failback, counts on from it.
     */
    public WatchLoop withSecondaryStore(RecordStore store) {
        this.secondaryStore = Optional.of(store);
        return this;
    }

    /** Keeps the job jar uploaded in the secondary's cluster (checked once a minute while healthy), so submit does not upload. */
    public WatchLoop withStandby(io.github.fgf.flinkclient.FlinkClient secondary) {
        this.standby = Optional.of(secondary);
        return this;
    }

    /** Ships the primary's checkpoints while it is healthy, on a thread of its own (a copy never delays a round). */
    public WatchLoop withShipper(CheckpointShipper shipper) {
        this.shipper = Optional.of(shipper);
        return this;
    }

    /**
     * The round's deadline: most of the probe interval, so a round never runs into the next, but at least 2 s (a healthy
     * local round takes a few hundred ms) and at most 10 s.
     */
    public static Duration probeTimeout(Topology.Policy policy) {
        long ms = policy.probeInterval().toMillis() * 4 / 5;
        return Duration.ofMillis(Math.max(2_000, Math.min(10_000, ms)));
    }

    public WatchLoop(Topology topology, String inputHub, EndOffsetsProbe hubProbe, Metrics metrics, boolean auto,
                     Supplier<FailoverRunner> failover, boolean takeSavepoints, Path stateDir) {
        this(topology, RegionProbe.of(topology.primary(), inputHub, hubProbe, probeTimeout(topology.policy())), Optional.empty(),
                new GeoSecondaryRestorePoints(topology), metrics, auto, failover, takeSavepoints ? new SavepointScheduler(topology) : null,
                stateDir);
    }

    /** Without a probe of the secondary (no isolation check). */
    public WatchLoop(Topology topology, RegionProbe probe, RestorePoints restorePoints, Metrics metrics, boolean auto,
                     Supplier<FailoverRunner> failover, SavepointScheduler savepoints, Path stateDir) {
        this(topology, probe, Optional.empty(), restorePoints, metrics, auto, failover, savepoints, stateDir);
    }

    /**
     * @param secondaryProbe the secondary, probed in the same round for the isolation check ({@code policy.isolationCheck})
     * @param savepoints null: no scheduled savepoints
     */
    public WatchLoop(Topology topology, RegionProbe probe, Optional<RegionProbe> secondaryProbe, RestorePoints restorePoints,
                     Metrics metrics, boolean auto, Supplier<FailoverRunner> failover, SavepointScheduler savepoints, Path stateDir) {
        this.topology = topology;
        this.probe = probe;
        this.secondaryProbe = secondaryProbe.filter(p -> topology.policy().isolationCheck());
        this.restorePoints = restorePoints;
        this.metrics = metrics;
        this.auto = auto;
        this.failover = failover;
        this.savepoints = savepoints;
        this.stateDir = stateDir;
    }

    /** Runs until the region is lost (and failed over, with auto), or for {@code maxRounds} rounds. */
    public Optional<FailoverRecord> run(long maxRounds, String controllerId, Consumer<WatchEvent> sink) throws Exception {
        Consumer<WatchEvent> events = e -> {
            synchronized (sink) {
                sink.accept(e);
            }
        };
        LossDetector detector = new LossDetector(topology.policy().failureThreshold(), topology.policy().lossRule(),
                secondaryProbe.isPresent());
        MDC.put("region", topology.primary().name());
        boolean announced = false;
        long interval = topology.policy().probeInterval().toNanos();
        long next = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService shipping = startShipping(events);
        try {
            for (long round = 0; round < maxRounds; round++) {
                // Both regions in the same round, in parallel: the secondary's answer tells a lost primary from a cut-off controller.
                var other = secondaryProbe.map(p -> java.util.concurrent.CompletableFuture.supplyAsync(p::probe, background));
                RegionProbe.Result r = probe.probe();
                Optional<RegionProbe.Result> s = other.map(java.util.concurrent.CompletableFuture::join);
                if (r.endOffsets() != null) LastProbe.write(stateDir, r.endOffsets(), Instant.now());
                LossDetector.Verdict v = detector.observe(r, s);
                primaryHealthy = v.state() == LossDetector.State.HEALTHY && r.healthy();
                publish(r, v);
                events.accept(WatchEvent.round(r, v.state().name().toLowerCase(java.util.Locale.ROOT), v.consecutiveFailures(), v.reason()));
                if (v.state() == LossDetector.State.LOST) {
                    if (auto) {
                        LOG.info("Failing over automatically: region {} lost after {} failed rounds", r.region(), v.consecutiveFailures());
                        events.accept(WatchEvent.failingOver(r.at(), r.region(), v.consecutiveFailures(), v.reason()));
                        metrics.set("fgf_failover_state{state=\"failing-over\"}", 1);
                        FailoverRecord rec = failover.get().run(controllerId);
                        metrics.set("fgf_failover_state{state=\"failing-over\"}", 0);
                        metrics.set("fgf_failover_state{state=\"" + rec.status().text() + "\"}", 1);
                        return Optional.of(rec);
                    }
                    if (!announced) {
                        LOG.info("Not failing over: region {} is lost but watch runs without --auto", r.region());
                        events.accept(WatchEvent.lost(r.at(), r.region(), v.consecutiveFailures(), v.reason()));
                        announced = true;
                    }
                } else if (v.state() == LossDetector.State.HEALTHY && r.healthy()) {
                    maybeSavepoint(r, events);
                    syncEpoch(r);
                    prepareStandby();
                }
                observeRestorePoints();
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } else {
                    next = System.nanoTime(); // a round longer than the interval: start the next at once, without a backlog
                }
            }
            return Optional.empty();
        } finally {
            if (shipping != null) shipping.shutdownNow();
            background.shutdownNow();
            probe.close();
            secondaryProbe.ifPresent(RegionProbe::close);
        }
    }

    private void maybeSavepoint(RegionProbe.Result r, Consumer<WatchEvent> events) {
        if (savepoints == null || !savepoints.due(r.at()) || !savepointInFlight.compareAndSet(false, true)) return;
        background.submit(() -> {
            try {
                SavepointScheduler.Result s = savepoints.takeAndPrune(r.at());
                events.accept(WatchEvent.savepoint(Instant.now(), r.region(), s.savepoint(), s.pruned().deletedSnapshots().size()));
            } catch (Exception e) {
                LOG.warn("Scheduled savepoint failed: {}", e.getMessage());
                events.accept(WatchEvent.savepointFailed(Instant.now(), r.region(), e.getMessage()));
            } finally {
                savepointInFlight.set(false);
            }
        });
    }

    private java.util.concurrent.ScheduledExecutorService startShipping(Consumer<WatchEvent> events) {
        if (shipper.isEmpty()) return null;
        var pool = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watch-shipping");
            t.setDaemon(true);
            return t;
        });
        pool.scheduleWithFixedDelay(() -> shipOnce(events), 0, SHIP_POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return pool;
    }

    private void shipOnce(Consumer<WatchEvent> events) {
        if (!primaryHealthy) return; // a lost or failing primary has nothing safe to ship; a half copy has no _metadata anyway
        String region = topology.primary().name();
        try {
            Optional<CheckpointShipper.Shipment> s = shipper.get().shipNewest(Instant.now());
            if (s.isEmpty()) return;
            metrics.set("fgf_checkpoint_shipped_bytes_total", shippedBytes.addAndGet(s.get().report().bytesCopied()));
            metrics.set("fgf_checkpoint_shipping_bytes_per_hour", s.get().bytesPerHour());
            metrics.set("fgf_checkpoint_shipment_seconds", s.get().report().millis() / 1000.0);
            metrics.set("fgf_checkpoint_shipping_lag_seconds", s.get().lagMillis() == null ? Double.NaN : s.get().lagMillis() / 1000.0);
            events.accept(WatchEvent.shipped(Instant.now(), region, s.get()));
            if (!lastShippingProblem.getAndSet("").isEmpty()) LOG.info("Checkpoint shipping works again");
        } catch (Exception e) {
            String why = String.valueOf(e.getMessage());
            // Flink subsuming a checkpoint mid-copy fails one shipment; the next one ships the newer checkpoint.
            // Once per distinct problem: a checkpoint that can never ship would otherwise say so twice a second.
            if (!why.equals(lastShippingProblem.getAndSet(why))) {
                LOG.warn("Checkpoint shipping failed (will retry): {}", why);
                events.accept(WatchEvent.shippingFailed(Instant.now(), region, why));
            }
        }
    }

    private void prepareStandby() {
        if (standby.isEmpty() || System.nanoTime() - standbyCheckedAt < 60_000_000_000L && standbyCheckedAt != 0) return;
        if (!standbyInFlight.compareAndSet(false, true)) return;
        background.submit(() -> {
            try {
                StandbyJar.prepare(topology, standby.get());
                standbyCheckedAt = System.nanoTime();
                lastStandbyProblem.set("");
            } catch (Exception e) {
                String why = String.valueOf(e.getMessage());
                if (!why.equals(lastStandbyProblem.getAndSet(why))) {
                    LOG.warn("Cannot ready the job jar in {} (a failover then uploads it): {}", topology.secondary().name(), why);
                }
            } finally {
                standbyInFlight.set(false);
            }
        });
    }

    /** The epoch in the running job's name ({@code <name>-e<epoch>}, as the controller names it), or -1. */
    static long epochOf(String jobName) {
        if (jobName == null) return -1;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-e(\\d+)$").matcher(jobName);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private void syncEpoch(RegionProbe.Result r) {
        long epoch = epochOf(r.jobName());
        if (secondaryStore.isEmpty() || epoch <= epochSynced || !epochSyncInFlight.compareAndSet(false, true)) return;
        background.submit(() -> {
            try {
                RecordStore store = secondaryStore.get();
                if (store.readEpoch().orElse(0L) < epoch) {
                    store.writeEpoch(epoch);
                    LOG.info("Told the secondary {} of epoch {}, which runs in {}: a failover back into it counts on from there",
                            topology.secondary().name(), epoch, r.region());
                }
                epochSynced = epoch;
            } catch (RuntimeException e) {
                LOG.warn("Could not tell the secondary {} of epoch {} (will retry): {}", topology.secondary().name(), epoch, e.getMessage());
            } finally {
                epochSyncInFlight.set(false);
            }
        });
    }

    /** The newest restorable savepoint's age as a gauge; unknown (NaN) while it cannot be observed. */
    private void observeRestorePoints() {
        if (!observationInFlight.compareAndSet(false, true)) return;
        background.submit(() -> {
            try {
                RestorePointObserver.Observation o = restorePoints.observe();
                for (var kind : io.github.fgf.controller.decide.RestorePointCandidate.Kind.values()) {
                    var newest = RestorePointSelector.newestRestorable(
                            o.candidates().stream().filter(c -> c.kind() == kind).toList(), o.lastSyncTime());
                    metrics.set(kind == io.github.fgf.controller.decide.RestorePointCandidate.Kind.SAVEPOINT
                                    ? "fgf_restorable_savepoint_age_seconds" : "fgf_restorable_shipped_checkpoint_age_seconds",
                            newest.map(c -> Duration.between(c.completedAt(), Instant.now()).toMillis() / 1000.0).orElse(Double.NaN));
                }
                if (!lastObservationProblem.getAndSet("").isEmpty()) {
                    LOG.info("Restore points observable again in the geo-secondary copy");
                }
            } catch (RuntimeException e) {
                metrics.set("fgf_restorable_savepoint_age_seconds", Double.NaN);
                String why = String.valueOf(e.getMessage());
                // A failover would fail the same way at its choose step: say so once per distinct problem, not at debug.
                if (!why.equals(lastObservationProblem.getAndSet(why))) {
                    LOG.warn("Restore points unobservable in the geo-secondary copy (a failover now would fail to choose): {}", why);
                }
            } finally {
                observationInFlight.set(false);
            }
        });
    }

    private void publish(RegionProbe.Result r, LossDetector.Verdict v) {
        String region = "region=\"" + r.region() + "\"";
        metrics.set("fgf_probe_up{" + region + ",probe=\"flink\"}", r.flinkUp() ? 1 : 0);
        metrics.set("fgf_probe_up{" + region + ",probe=\"eventhubs\"}", r.eventHubsUp() ? 1 : 0);
        metrics.set("fgf_probe_up{" + region + ",probe=\"storage\"}", r.storageUp() ? 1 : 0);
        metrics.set("fgf_consecutive_failed_rounds{" + region + "}", v.consecutiveFailures());
        // A value this round did not observe is unknown (NaN), never the last good one.
        metrics.set("fgf_replication_lag_seconds{" + region + "}", r.lastSyncTime() == null ? Double.NaN
                : Duration.between(r.lastSyncTime(), r.at()).toMillis() / 1000.0);
        // How long the input hub has been quiet: with a live producer, a growing value means events are not arriving.
        metrics.set("fgf_input_last_enqueued_age_seconds{" + region + "}", r.lastEnqueuedTime() == null ? Double.NaN
                : Duration.between(r.lastEnqueuedTime(), r.at()).toMillis() / 1000.0);
        metrics.set("fgf_last_checkpoint_age_seconds{" + region + "}", r.lastCheckpointAgeMillis() == null ? Double.NaN
                : r.lastCheckpointAgeMillis() / 1000.0);
        for (LossDetector.State s : LossDetector.State.values()) {
            metrics.set("fgf_failover_state{state=\"" + s.name().toLowerCase(java.util.Locale.ROOT) + "\"}", s == v.state() ? 1 : 0);
        }
    }
}
