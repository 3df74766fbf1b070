package io.github.fgf.controller.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one drill does.
 *
 * @param planned a planned failover instead of a region loss
 * @param killAfterSavepoint forced: how long after a savepoint the primary is killed; empty: a random point of the
 *     savepoint interval
 * @param failback forced: revive the lost region afterwards and fail back (drain its stranded events)
 * @param devices how many devices send, keyed by device over every partition, the same ones throughout
 * @param interval each device sends one event per interval
 * @param baseline how long the job runs in the primary before the failure, for the baseline figures
 * @param afterFailover how long the producer keeps sending once the job runs in the secondary
 * @param savepointInterval the controller's savepoint interval in the drill's topology (local environment)
 * @param reportDir where the run's topology, controller state and reports go
 * @param targets the figures' targets
 * @param grsLag the local GRS emulator's lag for the run (local environment)
 * @param shipping whether the controller ships checkpoints into the secondary's storage (the topology's
 *     {@code shipCheckpointsTo}); without, restore points are replicated savepoints only
 * @param eventHubs how the local namespaces are paired for the run: geo-dr (an alias) or geo-replication (data replicated)
 * @param replicationLag geo-replication: how far the local secondary runs behind
 * @param probeInterval the controller's probe interval in the drill's topology (local environment); null: the policy's
 *     default, so that detection is measured as a deployment with the default policy sees it
 */
public record DrillOptions(boolean planned, Optional<Duration> killAfterSavepoint, boolean failback, int devices, Duration interval,
                           Duration baseline, Duration afterFailover, Duration savepointInterval, Path reportDir, Targets targets,
                           long seed, Duration grsLag, boolean shipping, String eventHubs, Duration replicationLag,
                           Duration probeInterval) {

    public static final Duration DEFAULT_GRS_LAG = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REPLICATION_LAG = Duration.ofSeconds(2);

    public DrillOptions(boolean planned, Optional<Duration> killAfterSavepoint, boolean failback, int devices, Duration interval,
                        Duration baseline, Duration afterFailover, Duration savepointInterval, Path reportDir, Targets targets,
                        long seed, Duration grsLag, boolean shipping) {
        this(planned, killAfterSavepoint, failback, devices, interval, baseline, afterFailover, savepointInterval, reportDir, targets,
                seed, grsLag, shipping, "geo-dr", DEFAULT_REPLICATION_LAG);
    }

    public DrillOptions(boolean planned, Optional<Duration> killAfterSavepoint, boolean failback, int devices, Duration interval,
                        Duration baseline, Duration afterFailover, Duration savepointInterval, Path reportDir, Targets targets,
                        long seed, Duration grsLag, boolean shipping, String eventHubs, Duration replicationLag) {
        this(planned, killAfterSavepoint, failback, devices, interval, baseline, afterFailover, savepointInterval, reportDir, targets,
                seed, grsLag, shipping, eventHubs, replicationLag, null);
    }

    public DrillOptions(boolean planned, Optional<Duration> killAfterSavepoint, boolean failback, int devices, Duration interval,
                        Duration baseline, Duration afterFailover, Duration savepointInterval, Path reportDir, Targets targets, long seed) {
        this(planned, killAfterSavepoint, failback, devices, interval, baseline, afterFailover, savepointInterval, reportDir, targets,
                seed, DEFAULT_GRS_LAG, true);
    }

    /**
     * The targets each figure is reported beside (defaults: drill's options). Detection's target comes from the topology's policy.
     *
     * @param rtoFirstOutput loss to the secondary's first output
     * @param rtoCaughtUp loss to the output caught up with the input
     * @param stateRpo loss minus the restore point's progress
     */
    public record Targets(Duration rtoFirstOutput, Duration rtoCaughtUp, Duration stateRpo) {}

    public DrillOptions {
        if (devices < 1) throw new IllegalArgumentException("--devices must be at least 1, got " + devices);
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("--interval must be positive, got " + interval);
        if (grsLag.isNegative()) throw new IllegalArgumentException("--grs-lag must not be negative, got " + grsLag);
        if (!eventHubs.equals("geo-dr") && !eventHubs.equals("geo-replication")) {
            throw new IllegalArgumentException("--event-hubs must be geo-dr or geo-replication, got '" + eventHubs + "'");
        }
        if (probeInterval != null && (probeInterval.isNegative() || probeInterval.isZero())) {
            throw new IllegalArgumentException("--probe-interval must be positive, got " + probeInterval);
        }
        if (replicationLag.isNegative()) throw new IllegalArgumentException("--replication-lag must not be negative, got " + replicationLag);
        killAfterSavepoint.ifPresent(k -> {
            if (k.isNegative()) throw new IllegalArgumentException("--kill-after-savepoint must not be negative, got " + k);
        });
    }

    public boolean geoReplication() {
        return eventHubs.equals("geo-replication");
    }

    public String mode() {
        return planned ? "planned" : "forced";
    }
}
