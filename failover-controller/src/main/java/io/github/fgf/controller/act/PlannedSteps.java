package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.observe.ConsumerProgress;
import io.github.fgf.controller.observe.SavepointStorage;
import java.util.function.Function;
import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.FlinkClientException;
import io.github.fgf.flinkclient.JobSummary;
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
    private final FlinkClients flink;
    private final Function<Topology.Region, ConsumerProgress> progress;
    private final SavepointStorage storage;
    private final Collaborators.Timing timing;
    private final io.github.fgf.controller.geodr.GeoDrClient geoDr;
    private boolean warnedPositions;

    PlannedSteps(Topology topology, Collaborators c) {
        this.geoDr = c.geoDr();
        this.topology = topology;
        this.flink = c.flink();
        this.progress = c.progress();
        this.storage = c.savepoints();
        this.timing = c.timing();
    }

    /** SendDisabled on A's input hub, after the promote: see {@link FailoverRunner}. */
    FailoverRecord disableSends(FailoverRecord r) {
        String hub = topology.job().arg("--hubs.input", "telemetry");
        geoDr.setSends(topology.alias().partnerOf(topology.primary()), hub, false);
        LOG.info("Disabled sends on hub {} of {}: producers still connected there fail and reach {} through the alias",
                hub, topology.primary().name(), topology.secondary().name());
        return r;
    }

    FailoverRecord drain(FailoverRecord r) throws Exception {
        Topology.Region a = topology.primary();
        ConsumerProgress probe = progress.apply(a);
        String hub = topology.job().arg("--hubs.input", "telemetry");
        // The primary runs the previous epoch's job (epochs grow by one), with that epoch's group.
        String group = FailoverRunner.consumerGroup(topology, Math.max(0, r.epoch() - 1));
        long deadline = System.nanoTime() + timing.drain().toNanos();
        Map<PartitionKey, Long> previous = null;
        Map<PartitionKey, Long> end = Map.of();
        Map<PartitionKey, Long> consumed = Map.of();
        while (System.nanoTime() < deadline) {
            end = probe.endOffsets(hub);
            consumed = consumed(a, hub, probe.committedOffsets(group, hub));
            // Drained: the job has read everything A's hub holds, and the hub stopped growing.
            Map<PartitionKey, Long> done = consumed;
            boolean all = end.entrySet().stream().allMatch(e -> done.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (all && end.equals(previous)) {
                LOG.info("Region {} drained: its job has read every end offset of {} ({})", a.name(), hub, end);
                return r.withLastKnownEndOffsets(end);
            }
            previous = end;
            Thread.sleep(timing.poll().toMillis());
        }
        throw new IllegalStateException("region " + a.name() + " did not drain within " + timing.drain().toSeconds()
                + " s: its job (group " + group + ") has read " + consumed + " of end offsets " + end + " on " + hub
                + "; is its job running, and have producers moved to the alias' new target?");
    }

    /**
     * How far A's job has read each partition: the further of its group's commits and its sources' own positions.
     * Commits alone can stall for good: the job commits through the alias, and once the alias has moved, a consumer
     * that looks up its group coordinator anew reaches B, which is not the coordinator of A's group, so every commit
     * fails while the job reads on over connections it already had. The sources' positions (Flink's metrics) say
     * what the job read whatever its commits do; a partition it has not read a record of still needs a commit.
     */
    private Map<PartitionKey, Long> consumed(Topology.Region a, String hub, Map<PartitionKey, Long> committed) {
        Map<PartitionKey, Long> out = new java.util.TreeMap<>(committed);
        try {
            FlinkClient cluster = flink.of(a);
            // The job that stop will stop: the first one running, as there.
            var job = cluster.jobs().stream().filter(j -> !j.terminal()).findFirst();
            if (job.isPresent()) sourcePositions(cluster, job.get().id(), hub).forEach((k, offset) -> out.merge(k, offset, Math::max));
        } catch (FlinkClientException e) {
            if (!warnedPositions) {
                warnedPositions = true;
                LOG.warn("Source positions of {}'s job unavailable ({}): the drain compares its commits only", a.name(), e.getMessage());
            }
        }
        return out;
    }

    /** Where a job's Kafka sources stand on one hub, per partition (the furthest source where several read it). */
    static Map<PartitionKey, Long> sourcePositions(FlinkClient cluster, io.github.fgf.flinkclient.JobId job, String hub)
            throws FlinkClientException {
        Map<PartitionKey, Long> out = new java.util.TreeMap<>();
        cluster.kafkaSourcePositions(job).forEach((p, offset) -> {
            if (metricName(p.topic()).equals(metricName(hub))) out.merge(PartitionKey.of(hub, p.partition()), offset, Math::max);
        });
        return out;
    }

    /** Flink's metric names replace some characters of a group's name (a topic's); compare names in that form. */
    static String metricName(String topic) {
        return topic.replaceAll("[ .:,;=?'*\"]", "_");
    }

    FailoverRecord stop(FailoverRecord r) throws Exception {
        Topology.Region a = topology.primary();
        FlinkClient cluster = flink.of(a);
        List<JobSummary> running = cluster.jobs().stream().filter(j -> !j.terminal()).toList();
        String savepoint;
        if (running.isEmpty()) {
            // Stopped before a crash let us record it: adopt the newest complete savepoint.
            savepoint = storage.newestComplete(a.storage().savepoints()).orElseThrow(() -> new IllegalStateException("no running job in " + a.name() + " and no savepoint to adopt"));
            LOG.info("No running job in {}: adopting its newest savepoint {}", a.name(), savepoint);
        } else {
            savepoint = cluster.stopWithSavepoint(running.get(0).id(), a.storage().savepoints(), Duration.ofMinutes(5));
            LOG.info("Stopped {} in {} with savepoint {}: nothing after it is left unconsumed", running.get(0).name(), a.name(),
                    savepoint);
        }
        return r.withPlannedSavepoint(savepoint);
    }

    FailoverRecord awaitReplication(FailoverRecord r) throws Exception {
        Instant written = storage.writtenAt(r.plannedSavepoint()).plusSeconds(1); // one-second resolution of Last-Modified
        long deadline = System.nanoTime() + timing.replication().toNanos();
        while (System.nanoTime() < deadline) {
            Instant lst = storage.lastSyncTime(topology.primary().storage().lastSyncTimeFrom());
            if (lst.isAfter(written)) {
                LOG.info("Savepoint {} replicated: Last Sync Time {} is past its write {}", r.plannedSavepoint(), lst, written);
                return r;
            }
            Thread.sleep(timing.poll().toMillis());
        }
        throw new IllegalStateException("savepoint " + r.plannedSavepoint() + " did not replicate within "
                + timing.replication().toSeconds() + " s");
    }
}
