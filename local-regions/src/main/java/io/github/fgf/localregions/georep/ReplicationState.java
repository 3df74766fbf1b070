package io.github.fgf.localregions.georep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * A geo-replicated namespace, as the local control API reports it ({@code GET /replication}) and keeps it across
 * restarts: its host name is served by {@code primary}; {@code secondary} is the replica being kept in step (null after
 * a forced promotion, until {@code add-replica}); {@code lagMillis} is how far replication runs behind.
 *
 * @param lastPromotion the last promotion, null before any
 * @param hubs          per hub and partition, the primary's end offset and how far replication has copied; live only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplicationState(String mode, String namespace, String primary, String secondary, long lagMillis, int promotions,
                               Promotion lastPromotion, Map<String, Map<Integer, DataReplicator.PartitionProgress>> hubs) {

    public static final String MODE = "geo-replication";

    /**
     * One promotion: planned (caught up first, nothing lost) or forced (at once). {@code replicated} is how far each
     * partition had been copied to the new primary when it switched; {@code primaryEnds} the old primary's end offsets
     * as replication last saw them (with the old primary killed, up to a second old). The records in between exist
     * in the old primary only, and new records in the new primary take their offsets.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Promotion(String kind, Instant at, String from, String to, Map<String, Map<Integer, Long>> replicated,
                            Map<String, Map<Integer, Long>> primaryEnds) {}

    public ReplicationState withLive(Map<String, Map<Integer, DataReplicator.PartitionProgress>> live) {
        return new ReplicationState(mode, namespace, primary, secondary, lagMillis, promotions, lastPromotion, live);
    }
}
