package io.github.fgf.controller.act;

import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.flinkclient.CheckpointStats;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.JobState;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.Pruner;
import io.github.fgf.statetools.action.Shipper;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.PruneReport;
import io.github.fgf.statetools.model.ShipReport;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint shipping: copies each retained checkpoint the primary's job completes into the
 * secondary's own storage ({@code primary.storage.shipCheckpointsTo}), so that the state RPO of a
 * forced failover is a checkpoint interval plus the copy time, whatever the geo-replication lag.
 * Keeps the newest {@link #RETENTION} shipments (pruning never deletes a shared file a kept one
 * references) and counts the bytes copied, the cross-region egress shipping costs.
 */
public final class CheckpointShipper {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointShipper.class);
    /** Shipped checkpoints kept: the newest is the restore point, the others cover a shipment found bad. */
    public static final int RETENTION = 3;
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * One shipment: what state-tools copied, what pruning deleted, the copy volume over the last hour, and its lag: from
     * the checkpoint's completion (Flink's acknowledgement) to its copy being complete in the secondary, the part of the
     * state RPO shipping adds to the checkpoint interval.
     */
    public record Shipment(ShipReport report, PruneReport pruned, long bytesLastHour, long bytesPerHour, Long lagMillis) {}

    private record Copied(Instant at, long bytes) {}

    private final Topology topology;
    private final FlinkClients flink;
    private final Function<SnapshotUri, SnapshotStore> stores;
    private final SnapshotUri target;
    /** Built at the first shipment, then reused: a store without credentials fails that shipment, not watch's start. */
    private SnapshotStore targetStore;
    private final Deque<Copied> lastHour = new ArrayDeque<>();
    private Instant started;
    private String lastShipped = "";

    public CheckpointShipper(Topology topology) {
        this(topology, FlinkClients.rest(), SnapshotStore::forUri);
    }

    public CheckpointShipper(Topology topology, FlinkClients flink, Function<SnapshotUri, SnapshotStore> stores) {
        if (!topology.primary().storage().shipsCheckpoints()) {
            throw new IllegalArgumentException("primary.storage.shipCheckpointsTo is not set: nothing to ship to");
        }
        this.topology = topology;
        this.flink = flink;
        this.stores = stores;
        this.target = SnapshotUri.parse(topology.primary().storage().shipCheckpointsTo());
    }

    /** Ships the running job's newest completed checkpoint unless it already did; empty when there is nothing new. */
    public Optional<Shipment> shipNewest(Instant now) throws Exception {
        if (started == null) started = now;
        FlinkClient cluster = flink.of(topology.primary());
        Optional<JobSummary> job = cluster.jobs().stream().filter(j -> j.state() == JobState.RUNNING).findFirst();
        if (job.isEmpty()) return Optional.empty();
        CheckpointStats stats = cluster.checkpoints(job.get().id());
        if (stats.latestCompletedPath().isEmpty() || stats.latestCompletedPath().get().equals(lastShipped)) return Optional.empty();
        SnapshotUri checkpoint = SnapshotUri.parse(stats.latestCompletedPath().get());
        if (targetStore == null) targetStore = stores.apply(target);
        ShipReport report = new Shipper(new SnapshotReader(stores.apply(checkpoint)), targetStore)
                .ship(checkpoint, target, stats.latestAckAt());
        Long lag = stats.latestAckAt().map(at -> Math.max(0, Duration.between(at, Instant.now()).toMillis())).orElse(null);
        lastShipped = stats.latestCompletedPath().get();
        LOG.info("Checkpoint {} shipped to {}: the newest the job completed, {} bytes new of {} files referenced",
                report.checkpointId(), report.target(), report.bytesCopied(), report.filesReferenced());
        PruneReport pruned = new Pruner(new Catalog(new SnapshotReader(targetStore)), targetStore)
                .prune(target, RETENTION, Optional.empty(), false, now);
        lastHour.addLast(new Copied(now, report.bytesCopied()));
        while (!lastHour.isEmpty() && lastHour.peekFirst().at().isBefore(now.minus(HOUR))) lastHour.removeFirst();
        long bytes = lastHour.stream().mapToLong(Copied::bytes).sum();
        return Optional.of(new Shipment(report, pruned, bytes, perHour(bytes, Duration.between(started, now)), lag));
    }

    /** Bytes per hour: the last hour's total once an hour has passed, extrapolated from the time watched before that. */
    static long perHour(long bytesLastHour, Duration watched) {
        if (watched.compareTo(HOUR) >= 0) return bytesLastHour;
        long ms = Math.max(1_000, watched.toMillis());
        return (long) (bytesLastHour * (double) HOUR.toMillis() / ms);
    }
}
