package io.github.fgf.controller.observe;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.statetools.action.LastSyncTimeSource;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.store.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One probe round of a region: Flink, Event Hubs and storage. Records only; never acts. */
public final class RegionProbe {

    /** The result of one round; a field is null where its probe failed, with the reason in {@code failures}. */
    public record Result(String region, Instant at, boolean flinkUp, boolean eventHubsUp, boolean storageUp, String jobName,
                         String jobState, Long lastCheckpointAgeMillis, Map<String, Long> endOffsets, Instant lastEnqueuedTime,
                         Instant lastSyncTime, List<String> failures) {
        public boolean healthy() {
            return failures.isEmpty() && "RUNNING".equals(jobState);
        }

        /** Region-level failure: most of its endpoints unreachable, not one blip or a restarting job. */
        public boolean regionDown() {
            int down = (flinkUp ? 0 : 1) + (eventHubsUp ? 0 : 1) + (storageUp ? 0 : 1);
            return down >= 2;
        }
    }

    private RegionProbe() {}

    /** Probe calls to Flink time out after this: a round must end well within the probe interval. */
    public static final Duration FLINK_TIMEOUT = Duration.ofSeconds(3);

    public static Result probe(Topology.Region region, String inputHub, EndOffsetsProbe hub) {
        return probe(region, inputHub, hub, FlinkClients.probing(FLINK_TIMEOUT));
    }

    public static Result probe(Topology.Region region, String inputHub, EndOffsetsProbe hub, FlinkClients clients) {
        Instant now = Instant.now();
        List<String> failures = new java.util.ArrayList<>();
        String jobName = null;
        String jobState = null;
        Long checkpointAge = null;
        boolean flinkUp = false;
        try {
            FlinkClient flink = clients.of(region);
            List<JobSummary> jobs = flink.jobs();
            flinkUp = true;
            for (JobSummary j : jobs) {
                if (j.terminal()) continue;
                jobName = j.name();
                jobState = j.state().name();
                checkpointAge = flink.checkpoints(j.id()).latestAckAt().map(ack -> Duration.between(ack, now).toMillis()).orElse(null);
            }
            if (jobState == null) failures.add("flink: no running job");
        } catch (Exception e) {
            failures.add("flink: unreachable (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, Long> offsets = null;
        Instant lastEnqueued = null;
        try {
            Map<String, EndOffsetsProbe.PartitionEnd> ends = hub.partitionEnds(inputHub);
            offsets = EndOffsetsProbe.offsets(ends);
            lastEnqueued = EndOffsetsProbe.newest(ends);
        } catch (Exception e) {
            offsets = null;
            failures.add("event hubs: unreachable (" + e.getClass().getSimpleName() + ")");
        }
        boolean storageUp = false;
        try {
            SnapshotUri savepoints = SnapshotUri.parse(region.storage().savepoints());
            SnapshotStore.forUri(savepoints).list(savepoints);
            storageUp = true;
        } catch (RuntimeException e) {
            failures.add("storage: unreachable (" + e.getMessage() + ")");
        }
        Instant lst = null;
        try {
            lst = LastSyncTimeSource.read(region.storage().lastSyncTimeFrom());
        } catch (RuntimeException e) {
            failures.add("storage: Last Sync Time unavailable (" + e.getMessage() + ")");
        }
        return new Result(region.name(), now, flinkUp, offsets != null, storageUp, jobName, jobState, checkpointAge, offsets,
                lastEnqueued, lst, failures);
    }
}
