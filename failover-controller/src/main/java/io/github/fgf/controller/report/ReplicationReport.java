package io.github.fgf.controller.report;

import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.decide.SourceStart;
import io.github.fgf.controller.observe.PartitionKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Geo-Replication failover's part of the report: where the source started (the restore point's offsets, or
 * repositioned, with why), where replication had reached per partition (the new primary's own records start there),
 * and the records lost in replication per partition: the old primary's offsets from there to its end at the last probe
 * (at least: it took more until the loss; failback, which reads the old primary, reports the exact range).
 *
 * @param sourceLabel        the source's namespace label (its uid) in the new primary
 * @param repositioned       partitions that do not resume at the restore point's offset
 * @param replicatedTo       per partition, the offset where replication stopped
 * @param lostInReplication  per partition, the old primary's offsets [from, to) that never reached the new one, to its last probe
 * @param lostInReplicationTotal their sum, at least
 */
public record ReplicationReport(String sourceLabel, Map<String, SourceStart.Moved> repositioned, Map<String, Long> replicatedTo,
                                Map<String, Range> lostInReplication, long lostInReplicationTotal) {

    /** Offsets {@code from} (inclusive) to {@code to} (exclusive). */
    public record Range(long from, long to) {
        public long size() {
            return Math.max(0, to - from);
        }
    }

    /** Null unless the failover positioned a source in a Geo-Replication namespace. */
    public static ReplicationReport of(FailoverRecord r) {
        SourceStart s = r.sourceStart();
        if (s == null || s.firstNew().isEmpty()) return null;
        Map<String, SourceStart.Moved> moved = new TreeMap<>();
        s.moved().forEach((p, m) -> moved.put(p.toString(), m));
        Map<String, Long> replicated = new TreeMap<>();
        Map<String, Range> lost = new TreeMap<>();
        long total = 0;
        for (Map.Entry<PartitionKey, Long> e : s.firstNew().entrySet()) {
            replicated.put(e.getKey().toString(), e.getValue());
            Long end = r.lastKnownEndOffsets() == null ? null : r.lastKnownEndOffsets().get(e.getKey());
            if (end != null && end > e.getValue()) {
                Range range = new Range(e.getValue(), end);
                lost.put(e.getKey().toString(), range);
                total += range.size();
            }
        }
        return new ReplicationReport(s.label(), moved, replicated, lost, total);
    }
}
