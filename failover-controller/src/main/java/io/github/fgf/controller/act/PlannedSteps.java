package io.github.fgf.controller.act;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.observe.KafkaEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.LastSyncTimeSource;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps only a planned failover has: drain A (its job consumes everything A's hub holds once
 * producers follow the alias to B), stop A's job with a savepoint, wait until that savepoint has
 * replicated. Each is idempotent: a rerun finds the stopped job's savepoint instead of stopping twice.
 */
final class PlannedSteps {

    private static final Logger LOG = LoggerFactory.getLogger(PlannedSteps.class);
    private final Topology topology;
    private final Duration replicationTimeout;
    private final Duration drainTimeout;

    PlannedSteps(Topology topology, Duration replicationTimeout, Duration drainTimeout) {
        this.topology = topology;
        this.replicationTimeout = replicationTimeout;
        this.drainTimeout = drainTimeout;
    }

    FailoverRecord drain(FailoverRecord r) throws Exception {
        Topology.Region a = topology.primary();
        KafkaEndOffsetsProbe probe = new KafkaEndOffsetsProbe(KafkaEndpoint.clientProperties(a, "planned failover"));
        String hub = topology.job().arg("--hubs.input", "telemetry");
        // The primary runs the previous epoch's job (epochs grow by one), with that epoch's group.
        String group = FailoverRunner.consumerGroup(topology, Math.max(0, r.epoch() - 1));
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        Map<String, Long> previous = null;
        Map<String, Long> end = Map.of();
        Map<String, Long> committed = Map.of();
        while (System.nanoTime() < deadline) {
            end = probe.endOffsets(hub);
            committed = probe.committedOffsets(group, hub);
            // Drained: the job committed (on checkpoint) everything, and A's hub stopped growing.
            Map<String, Long> done = committed;
            boolean consumed = end.entrySet().stream().allMatch(e -> done.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (consumed && end.equals(previous)) {
                LOG.info("Region {} drained: its job committed every end offset of {} ({})", a.name(), hub, end);
                return r.withLastKnownEndOffsets(end);
            }
            previous = end;
            Thread.sleep(1000);
        }
        throw new IllegalStateException("region " + a.name() + " did not drain within " + drainTimeout.toSeconds()
                + " s: group " + group + " committed " + committed + " of end offsets " + end + " on " + hub
                + "; is its job running, and have producers moved to the alias' new target?");
    }

    FailoverRecord stop(FailoverRecord r) throws Exception {
        Topology.Region a = topology.primary();
        FlinkJobs flink = new FlinkJobs(a.flinkRestUrl());
        List<FlinkJobs.Job> running = flink.jobs().stream().filter(j -> !j.terminal()).toList();
        String savepoint;
        if (running.isEmpty()) {
            // Stopped before a crash let us record it: adopt the newest complete savepoint.
            SnapshotUri dir = SnapshotUri.parse(a.storage().savepoints());
            savepoint = new Catalog(new SnapshotReader(SnapshotStore.forUri(dir))).entries(dir).stream()
                    .filter(Catalog.Entry::complete).reduce((x, y) -> y).map(e -> e.dir().withoutQuery())
                    .orElseThrow(() -> new IllegalStateException("no running job in " + a.name() + " and no savepoint to adopt"));
            LOG.info("No running job in {}: adopting its newest savepoint {}", a.name(), savepoint);
        } else {
            savepoint = flink.stopWithSavepoint(running.get(0).id(), a.storage().savepoints(), Duration.ofMinutes(5));
            LOG.info("Stopped {} in {} with savepoint {}: nothing after it is left unconsumed", running.get(0).name(), a.name(),
                    savepoint);
        }
        return r.withPlannedSavepoint(savepoint);
    }

    FailoverRecord awaitReplication(FailoverRecord r) throws Exception {
        SnapshotUri sp = SnapshotUri.parse(r.plannedSavepoint());
        Instant written = SnapshotStore.forUri(sp).stat(sp.child(SnapshotReader.METADATA)).orElseThrow().lastModified()
                .plusSeconds(1); // one-second resolution of Last-Modified
        long deadline = System.nanoTime() + replicationTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Instant lst = LastSyncTimeSource.read(topology.primary().storage().lastSyncTimeFrom());
            if (lst.isAfter(written)) {
                LOG.info("Savepoint {} replicated: Last Sync Time {} is past its write {}", r.plannedSavepoint(), lst, written);
                return r;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("savepoint " + r.plannedSavepoint() + " did not replicate within "
                + replicationTimeout.toSeconds() + " s");
    }
}
