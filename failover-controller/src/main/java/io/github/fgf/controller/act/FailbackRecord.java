package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * The persisted progress of the failback of one failover epoch, so that a rerun neither drains
 * twice nor releases twice: what was drained (per {@code hub|partition}), the new primary's input
 * ends right after the drain, when the held windows were released, and how many stranded events
 * were too old for their windows (they went to the late hub). Geo-Replication: {@code lostInReplication}, per
 * partition, the old primary's offsets [from, to) that never reached the new primary, read from the old primary itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailbackRecord(long epoch, String drainedAt, Map<PartitionKey, Long> drained, Map<PartitionKey, Long> lostToRetention,
                             Map<PartitionKey, Long> endAfterDrain, Map<PartitionKey, Long> lateHubStart, String releasedAt, Long tooOld,
                             String pairedAt,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Map<PartitionKey, io.github.fgf.controller.report.ReplicationReport.Range> lostInReplication) {

    public FailbackRecord(long epoch, String drainedAt, Map<PartitionKey, Long> drained, Map<PartitionKey, Long> lostToRetention,
                          Map<PartitionKey, Long> endAfterDrain, Map<PartitionKey, Long> lateHubStart, String releasedAt, Long tooOld,
                          String pairedAt) {
        this(epoch, drainedAt, drained, lostToRetention, endAfterDrain, lateHubStart, releasedAt, tooOld, pairedAt, null);
    }

    public static FailbackRecord start(long epoch) {
        return new FailbackRecord(epoch, null, Map.of(), Map.of(), Map.of(), Map.of(), null, null, null);
    }

    /** Geo-Replication: the records that never reached the new primary, exactly, as the old one still holds them. */
    public FailbackRecord withLostInReplication(Map<PartitionKey, io.github.fgf.controller.report.ReplicationReport.Range> lost) {
        return new FailbackRecord(epoch, drainedAt, drained, lostToRetention, endAfterDrain, lateHubStart, releasedAt, tooOld, pairedAt, lost);
    }

    /** Stranded events retention had deleted in the old primary before the drain reached them. */
    public long lostTotal() {
        return lostToRetention == null ? 0 : lostToRetention.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean drainedDone() {
        return drainedAt != null;
    }

    public boolean released() {
        return releasedAt != null;
    }

    public long drainedTotal() {
        return drained.values().stream().mapToLong(Long::longValue).sum();
    }

    public FailbackRecord withDrain(String at, Map<PartitionKey, Long> counts, Map<PartitionKey, Long> lost, Map<PartitionKey, Long> end,
                                    Map<PartitionKey, Long> lateStart) {
        return new FailbackRecord(epoch, at, counts, lost, end, lateStart, releasedAt, tooOld, pairedAt, lostInReplication);
    }

    public FailbackRecord withRelease(String at, long tooOldCount) {
        return new FailbackRecord(epoch, drainedAt, drained, lostToRetention, endAfterDrain, lateHubStart, at, tooOldCount, pairedAt,
                lostInReplication);
    }

    public FailbackRecord withPaired(String at) {
        return new FailbackRecord(epoch, drainedAt, drained, lostToRetention, endAfterDrain, lateHubStart, releasedAt, tooOld, at,
                lostInReplication);
    }
}
