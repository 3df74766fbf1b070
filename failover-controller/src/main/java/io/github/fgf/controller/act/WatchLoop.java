package io.github.fgf.controller.act;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.decide.LossDetector;
import io.github.fgf.controller.observe.EndOffsetsProbe;
import io.github.fgf.controller.observe.Metrics;
import io.github.fgf.controller.observe.RegionProbe;
import io.github.fgf.controller.observe.RestorePointObserver;
import io.github.fgf.controller.decide.RestorePointSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The watch loop: observe (probe the primary), decide (loss detector), act (savepoints while
 * healthy; failover when lost, if automatic). Publishes its view as metrics every round.
 */
public final class WatchLoop {

    private static final Logger LOG = LoggerFactory.getLogger(WatchLoop.class);

    private final Topology topology;
    private final String inputHub;
    private final EndOffsetsProbe hubProbe;
    private final Metrics metrics;
    private final boolean auto;
    private final Supplier<FailoverRunner> failover;
    private final SavepointScheduler savepoints;
    private final java.nio.file.Path stateDir;

    public WatchLoop(Topology topology, String inputHub, EndOffsetsProbe hubProbe, Metrics metrics, boolean auto,
                     Supplier<FailoverRunner> failover, boolean takeSavepoints, java.nio.file.Path stateDir) {
        this.topology = topology;
        this.inputHub = inputHub;
        this.hubProbe = hubProbe;
        this.metrics = metrics;
        this.auto = auto;
        this.failover = failover;
        this.savepoints = takeSavepoints ? new SavepointScheduler(topology) : null;
        this.stateDir = stateDir;
    }

    /** Runs until the region is lost (and failed over, with auto), or for {@code maxRounds} rounds. */
    public Optional<FailoverRecord> run(long maxRounds, String controllerId, Consumer<WatchEvent> events) throws Exception {
        LossDetector detector = new LossDetector(topology.policy().failureThreshold());
        MDC.put("region", topology.primary().name());
        boolean announced = false;
        for (long round = 0; round < maxRounds; round++) {
            RegionProbe.Result r = RegionProbe.probe(topology.primary(), inputHub, hubProbe);
            if (r.endOffsets() != null) LastProbe.write(stateDir, r.endOffsets(), java.time.Instant.now());
            LossDetector.Verdict v = detector.observe(r);
            publish(r, v);
            events.accept(WatchEvent.round(r, v.state().name().toLowerCase(java.util.Locale.ROOT), v.consecutiveFailures(), v.reason()));
            if (v.state() == LossDetector.State.LOST) {
                if (auto) {
                    LOG.info("Failing over automatically: region {} lost after {} failed rounds", r.region(), v.consecutiveFailures());
                    events.accept(WatchEvent.failingOver(r.at(), r.region(), v.consecutiveFailures(), v.reason()));
                    metrics.set("fgf_failover_state{state=\"failing-over\"}", 1);
                    FailoverRecord rec = failover.get().run(controllerId);
                    metrics.set("fgf_failover_state{state=\"failing-over\"}", 0);
                    metrics.set("fgf_failover_state{state=\"" + rec.status() + "\"}", 1);
                    return Optional.of(rec);
                }
                if (!announced) {
                    LOG.info("Not failing over: region {} is lost but watch runs without --auto", r.region());
                    events.accept(WatchEvent.lost(r.at(), r.region(), v.consecutiveFailures(), v.reason()));
                    announced = true;
                }
            } else if (v.state() == LossDetector.State.HEALTHY && savepoints != null && savepoints.due(r.at()) && r.healthy()) {
                try {
                    SavepointScheduler.Result s = savepoints.takeAndPrune(r.at());
                    events.accept(WatchEvent.savepoint(r.at(), r.region(), s.savepoint(), s.pruned().deletedSnapshots().size()));
                } catch (Exception e) {
                    LOG.warn("Scheduled savepoint failed: {}", e.getMessage());
                    events.accept(WatchEvent.savepointFailed(r.at(), r.region(), e.getMessage()));
                }
            }
            Thread.sleep(topology.policy().probeInterval().toMillis());
        }
        return Optional.empty();
    }

    private void publish(RegionProbe.Result r, LossDetector.Verdict v) {
        String region = "region=\"" + r.region() + "\"";
        metrics.set("fgf_probe_up{" + region + ",probe=\"flink\"}", r.flinkUp() ? 1 : 0);
        metrics.set("fgf_probe_up{" + region + ",probe=\"eventhubs\"}", r.eventHubsUp() ? 1 : 0);
        metrics.set("fgf_probe_up{" + region + ",probe=\"storage\"}", r.storageUp() ? 1 : 0);
        metrics.set("fgf_consecutive_failed_rounds{" + region + "}", v.consecutiveFailures());
        if (r.lastSyncTime() != null) {
            metrics.set("fgf_replication_lag_seconds{" + region + "}", Duration.between(r.lastSyncTime(), r.at()).toMillis() / 1000.0);
        }
        if (r.lastEnqueuedTime() != null) {
            // how long the input hub has been quiet: with a live producer, a growing value means events are not arriving
            metrics.set("fgf_input_last_enqueued_age_seconds{" + region + "}", Duration.between(r.lastEnqueuedTime(), r.at()).toMillis() / 1000.0);
        }
        if (r.lastCheckpointAgeMillis() != null) {
            metrics.set("fgf_last_checkpoint_age_seconds{" + region + "}", r.lastCheckpointAgeMillis() / 1000.0);
        }
        for (LossDetector.State s : LossDetector.State.values()) {
            metrics.set("fgf_failover_state{state=\"" + s.name().toLowerCase(java.util.Locale.ROOT) + "\"}", s == v.state() ? 1 : 0);
        }
        try {
            RestorePointObserver.Observation o = RestorePointObserver.ofPrimary(topology).observe();
            RestorePointSelector.newestRestorable(o.candidates(), o.lastSyncTime()).ifPresent(c -> metrics.set("fgf_restorable_savepoint_age_seconds",
                            Duration.between(c.completedAt(), Instant.now()).toMillis() / 1000.0));
        } catch (RuntimeException e) {
            LOG.debug("restore point unobservable this round: {}", e.getMessage());
        }
    }
}
