package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.geodr.GeoDrClient;
import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.JobSummary;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failback as named, recorded steps: {@code fence() -> drain() -> awaitProcessed() -> release()
 * -> awaitProcessed() -> countTooOld() -> pair()}. The job in the new primary holds every window
 * that may lack the old primary's stranded events; only once it has checkpointed every drained
 * event (its committed offsets pass them) does the control record tell it to emit those windows
 * complete, so a release can never overtake a drained event.
 */
public final class FailbackRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FailbackRunner.class);
    public static final Duration PROCESS_TIMEOUT = Collaborators.Timing.defaults().process();

    /** The recorded steps, as a {@link StepHook} names them. */
    public static final String DRAIN = "drain";
    public static final String RELEASE = "release";
    public static final String PAIR = "pair";
    public static final String CLOSE = "close";

    private final Topology topology;
    private final RecordStore store;
    private final RecordStore returningStore;
    private final GeoDrClient geoDr;
    private final Clock clock;
    private final FlinkClients flink;
    private final FailbackHubs hubs;
    private final Collaborators.Timing timing;
    private final StepHook hook;

    public FailbackRunner(Topology topology, ControllerStore store, GeoDrClient geoDr, Clock clock) {
        this(topology, store, geoDr, clock, StepHook.NONE);
    }

    public FailbackRunner(Topology topology, ControllerStore store, GeoDrClient geoDr, Clock clock, StepHook hook) {
        this(topology, Collaborators.production(topology, store, geoDr, clock).withHook(hook),
                new ControllerStore(topology.primary().storage().savepoints(), store.localDir()), new KafkaFailbackHubs(topology));
    }

    /**
     * @param returningStore the returning region's (A's) store: it learns the epoch too, so that a failover back the other
     *                       way counts on from it even with B lost
     */
    public FailbackRunner(Topology topology, Collaborators c, RecordStore returningStore, FailbackHubs hubs) {
        this.topology = topology;
        this.store = c.store();
        this.returningStore = returningStore;
        this.geoDr = c.geoDr();
        this.flink = c.flink();
        this.clock = c.clock();
        this.timing = c.timing();
        this.hook = c.hook();
        this.hubs = hubs;
    }

    /** Runs (or resumes) the failback of a completed failover, under the failover record's lease. */
    public FailbackRecord run(FailoverRecord failover, String controllerId) throws Exception {
        try (HeldLease lease = store.acquireLease(controllerId)) {
            return run(failover, lease);
        }
    }

    /** Each step starts only while this controller still holds the lease. */
    private FailbackRecord run(FailoverRecord failover, HeldLease lease) throws Exception {
        FailbackRecord f = store.readFailback(failover.epoch()).orElse(FailbackRecord.start(failover.epoch()));
        lease.ensureHeld();
        fence(failover);
        if (!f.drainedDone()) {
            lease.ensureHeld();
            f = drain(failover, f);
            hook.acted(DRAIN);
            store.writeFailback(f);
            hook.recorded(DRAIN);
        } else {
            LOG.info("Stranded events of epoch {} already drained at {} ({} events): not copied again", f.epoch(), f.drainedAt(),
                    f.drainedTotal());
        }
        if (!f.released()) {
            awaitProcessed(f.endAfterDrain(), "the drained events", f.epoch());
            lease.ensureHeld();
            Map<PartitionKey, Long> markers = hubs.writeRelease(inputHub(), f.epoch());
            LOG.info("Wrote the release of epoch {} to {} partitions of {}, because the job has checkpointed every drained event",
                    f.epoch(), markers.size(), inputHub());
            hook.acted(RELEASE);
            awaitProcessed(markers, "the release", f.epoch());
            f = f.withRelease(clock.instant().toString(), countTooOld(f));
            store.writeFailback(f);
            hook.recorded(RELEASE);
        } else {
            LOG.info("Windows of epoch {} already released at {}: nothing to release again", f.epoch(), f.releasedAt());
        }
        if (f.pairedAt() == null) {
            lease.ensureHeld();
            // Both regions learn the epoch before the roles reverse: a failover back the other way, with this region
            // lost, must still count on from it.
            returningStore.writeEpoch(f.epoch());
            store.writeEpoch(f.epoch());
            pair();
            hook.acted(PAIR);
            f = f.withPaired(clock.instant().toString());
            store.writeFailback(f);
            hook.recorded(PAIR);
        }
        if (failover.status() != FailoverRecord.Status.FAILED_BACK) {
            lease.ensureHeld();
            // Closed, so that the next failover into this region is a new one, not "already done".
            store.write(failover.withStatus(FailoverRecord.Status.FAILED_BACK, "failed back at " + f.pairedAt()), lease);
            hook.recorded(CLOSE);
        }
        return f;
    }

    /** The returning region may have restarted its old job (Flink HA): it must not run beside the new epoch. */
    private void fence(FailoverRecord failover) {
        try {
            FlinkClient a = flink.of(topology.primary());
            for (JobSummary j : a.jobs()) {
                if (!j.terminal()) {
                    a.cancel(j.id());
                    LOG.info("Fenced returning region {}: cancelled job {} ({}), because epoch {} runs in {}",
                            topology.primary().name(), j.name(), j.id(), failover.epoch(), topology.secondary().name());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Fencing returning region {} skipped: its Flink is unreachable ({})", topology.primary().name(),
                    e.getClass().getSimpleName());
        }
    }

    private FailbackRecord drain(FailoverRecord failover, FailbackRecord f) throws Exception {
        Topology.Region a = topology.primary();
        Topology.Region b = topology.secondary();
        Map<PartitionKey, Long> lateStart = lateHubEnds();
        var start = drainStart(failover);
        FailbackHubs.Drained d = hubs.drain(inputHub(), start, f.epoch());
        Map<PartitionKey, Long> end = hubs.endOffsets(inputHub());
        FailbackRecord drained = f.withDrain(clock.instant().toString(), d.copied(), d.lostToRetention(), end, lateStart);
        if (failover.sourceStart() != null && !failover.sourceStart().firstNew().isEmpty()) {
            drained = drained.withLostInReplication(lostInReplication(failover, start, d));
            LOG.info("Records of {} that never reached {} (Geo-Replication), read from {} itself: {}", inputHub(), b.name(), a.name(),
                    drained.lostInReplication());
        }
        var estimate = io.github.fgf.controller.report.FailoverReport.of(failover);
        LOG.info("Drained {} stranded events of {} from {} into {}, marked for epoch {}: they count in their own windows "
                + "(the failover estimated {} to {} at risk; {} more were deleted by retention)", drained.drainedTotal(), inputHub(),
                a.name(), b.name(), f.epoch(), estimate.eventsAtRisk(), estimate.eventsAtRiskUpperBound(), drained.lostTotal());
        return drained;
    }

    /**
     * Where the drain starts per partition. Geo-DR: the restore point's offsets (the secondary's hubs hold none of the
     * primary's records). Geo-Replication: past both the restore point and what replication had copied, since the new
     * primary holds the records up to there and the job reads or has counted them.
     */
    static Map<PartitionKey, Long> drainStart(FailoverRecord failover) {
        var s = failover.sourceStart();
        if (s == null || s.firstNew().isEmpty()) return failover.restoreOffsets();
        Map<PartitionKey, Long> start = new java.util.TreeMap<>(s.firstNew());
        failover.restoreOffsets().forEach((p, n) -> start.merge(p, n, Math::max));
        return start;
    }

    /** The old primary's offsets from where replication stopped to its end, the end being what the drain reached. */
    static Map<PartitionKey, io.github.fgf.controller.report.ReplicationReport.Range> lostInReplication(FailoverRecord failover,
            Map<PartitionKey, Long> start, FailbackHubs.Drained d) {
        Map<PartitionKey, io.github.fgf.controller.report.ReplicationReport.Range> lost = new java.util.TreeMap<>();
        failover.sourceStart().firstNew().forEach((p, first) -> {
            long end = start.getOrDefault(p, first) + d.copied().getOrDefault(p, 0L) + d.lostToRetention().getOrDefault(p, 0L);
            if (end > first) lost.put(p, new io.github.fgf.controller.report.ReplicationReport.Range(first, end));
        });
        return lost;
    }

    /** Waits until the job's consumer group has committed (on a checkpoint) every offset below {@code ends}. */
    private void awaitProcessed(Map<PartitionKey, Long> ends, String what, long epoch) throws Exception {
        String group = FailoverRunner.consumerGroup(topology, epoch);
        long deadline = System.nanoTime() + timing.process().toNanos();
        Map<PartitionKey, Long> committed = Map.of();
        while (System.nanoTime() < deadline) {
            committed = hubs.committedOffsets(group, inputHub());
            Map<PartitionKey, Long> c = committed;
            if (ends.entrySet().stream().allMatch(e -> c.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                LOG.info("The job in {} has checkpointed {} (group {} committed {})", topology.secondary().name(), what, group, c);
                return;
            }
            Thread.sleep(timing.poll().toMillis());
        }
        throw new IllegalStateException("the job in " + topology.secondary().name() + " did not checkpoint " + what + " within "
                + timing.process().toSeconds() + " s: group " + group + " committed " + committed + " of " + ends
                + "; is it running? Rerun failback to continue");
    }

    /** Stranded events whose windows were too old to hold: the job sent them, still marked, to the late hub. */
    private long countTooOld(FailbackRecord f) throws Exception {
        long count = hubs.countStranded(lateHub(), f.lateHubStart(), f.epoch());
        if (count > 0) {
            LOG.info("{} stranded events of epoch {} were older than the job's stranded horizon: they are in the late hub {}",
                    count, f.epoch(), lateHub());
        }
        return count;
    }

    private Map<PartitionKey, Long> lateHubEnds() {
        try {
            return hubs.endOffsets(lateHub());
        } catch (Exception e) {
            // No late hub (a job that never side-outputs): then no stranded event can be counted there either.
            LOG.info("Late hub {} not readable in {} ({}): counting stranded events in it from its start", lateHub(),
                    topology.secondary().name(), e.getClass().getSimpleName());
            return Map.of();
        }
    }

    private void pair() {
        if (!geoDr.status().paired()) {
            // Geo-Replication names the replica by its region (its location comes from the topology), Geo-DR by the namespace.
            geoDr.pair(topology.alias().geoReplicated() ? topology.primary().name() : topology.alias().partnerOf(topology.primary()));
            LOG.info("Paired the alias again: {} active, {} secondary (roles reversed)", topology.secondary().name(),
                    topology.primary().name());
        }
    }

    private String inputHub() {
        return topology.job().arg("--hubs.input", "telemetry");
    }

    private String lateHub() {
        return topology.job().arg("--hubs.late", "telemetry-late");
    }
}
