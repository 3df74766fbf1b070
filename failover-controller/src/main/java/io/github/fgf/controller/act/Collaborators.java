package io.github.fgf.controller.act;

import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.geodr.GeoDrClient;
import io.github.fgf.controller.observe.ConsumerProgress;
import io.github.fgf.controller.observe.GeoSecondaryRestorePoints;
import io.github.fgf.controller.observe.KafkaEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.controller.observe.RestorePoints;
import io.github.fgf.controller.observe.SavepointStorage;
import io.github.fgf.controller.observe.StateToolsSavepointStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Everything a failover runner reads or changes, passed in: storage for its record and lease, the
 * Geo-DR alias, each region's Flink, the restore points, the hubs' consumer progress, the
 * savepoint storage, the clock, and the timing of its waits. Tests pass hand-written fakes with
 * failure switches (see the controller's {@code testing.fakes}); production passes {@link #production}.
 */
public record Collaborators(RecordStore store, GeoDrClient geoDr, FlinkClients flink, RestorePoints restorePoints,
                            Function<Topology.Region, ConsumerProgress> progress, SavepointStorage savepoints, Clock clock,
                            Timing timing, StepHook hook) {

    /**
     * How long a runner waits for a planned drain, a replication, a verification and (failback) for B's job to checkpoint
     * what it was given, and how often it looks.
     */
    public record Timing(Duration drain, Duration replication, Duration verify, Duration process, Duration poll) {
        public static Timing defaults() {
            return new Timing(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofSeconds(120), Duration.ofMinutes(5),
                    Duration.ofMillis(500));
        }
    }

    public static Collaborators production(Topology topology, RecordStore store, GeoDrClient geoDr, Clock clock) {
        return new Collaborators(store, geoDr, FlinkClients.rest(), new GeoSecondaryRestorePoints(topology),
                r -> new KafkaEndOffsetsProbe(KafkaEndpoint.clientProperties(r, "planned failover")),
                new StateToolsSavepointStorage(), clock, Timing.defaults(), StepHook.NONE);
    }

    /** The same restore points as the watch loop observes, so the failover's choice reuses what it has read. */
    public Collaborators withRestorePoints(RestorePoints r) {
        return new Collaborators(store, geoDr, flink, r, progress, savepoints, clock, timing, hook);
    }

    public Collaborators withHook(StepHook h) {
        return new Collaborators(store, geoDr, flink, restorePoints, progress, savepoints, clock, timing, h);
    }
}
