package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * The persisted progress of the failback of one failover epoch, so that a rerun neither drains
 * twice nor releases twice: what was drained (per {@code hub|partition}), the new primary's input
 * ends right after the drain, when the held windows were released, and how many stranded events
 * were too old for their windows (they went to the late hub).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailbackRecord(long epoch, String drainedAt, Map<PartitionKey, Long> drained, Map<PartitionKey, Long> lostToRetention,
                             Map<PartitionKey, Long> endAfterDrain, Map<PartitionKey, Long> lateHubStart, String releasedAt, Long tooOld,
                             String pairedAt) {

    public static FailbackRecord start(long epoch) {
        return new FailbackRecord(epoch, null, Map.of(), Map.of(), Map.of(), Map.of(), null, null, null);
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
        return new FailbackRecord(epoch, at, counts, lost, end, lateStart, releasedAt, tooOld, pairedAt);
    }

    public FailbackRecord withRelease(String at, long tooOldCount) {
        return new FailbackRecord(epoch, drainedAt, drained, lostToRetention, endAfterDrain, lateHubStart, at, tooOldCount, pairedAt);
    }

    public FailbackRecord withPaired(String at) {
        return new FailbackRecord(epoch, drainedAt, drained, lostToRetention, endAfterDrain, lateHubStart, releasedAt, tooOld, at);
    }
}
