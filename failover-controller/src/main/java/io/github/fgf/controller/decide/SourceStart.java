package io.github.fgf.controller.decide;

import io.github.fgf.controller.observe.PartitionKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the job's source starts after a Geo-Replication promotion: at the restore point's own offsets, which the new
 * primary holds at the same place, unless the promotion made them wrong for a partition. A forced promotion leaves the
 * records not yet replicated in the old primary only; the new primary's own records then start at the offset where
 * replication stopped ({@code firstNew}: its first record enqueued at or after the declaration, or its end). A restore
 * offset beyond that is wrong either way: beyond the new primary's end (the records it points past were lost), or taken
 * by new records (the offsets were reused, so resuming there would skip them). Such a partition starts at
 * {@code firstNew} instead, by timestamp, and the source gets a label of its own ({@code <label>-e<epoch>}) so that no
 * restored offset overrides those starts.
 *
 * @param label     the source namespace label the job gets (its uid)
 * @param offsets   the start of every partition, when any is repositioned; empty: the restore point's offsets stand
 * @param moved     the repositioned partitions, each with why
 * @param firstNew  per partition, where the new primary's own records start (what replication had reached)
 */
public record SourceStart(String label, Map<PartitionKey, Long> offsets, Map<PartitionKey, Moved> moved, Map<PartitionKey, Long> firstNew) {

    /** One repositioned partition: its restore offset, where it starts instead, and why. */
    public record Moved(long restoreOffset, long start, String reason) {}

    public SourceStart {
        offsets = offsets == null ? Map.of() : offsets;
        moved = moved == null ? Map.of() : moved;
        firstNew = firstNew == null ? Map.of() : firstNew;
    }

    public boolean repositioned() {
        return !moved.isEmpty();
    }

    /**
     * @param restore   the restore point's offsets (the next record to read, per partition)
     * @param ends      the new primary's end offsets
     * @param atDeclaration the new primary's first offset enqueued at or after the declaration, -1 or absent where none is
     */
    public static SourceStart decide(Map<PartitionKey, Long> restore, Map<PartitionKey, Long> ends, Map<PartitionKey, Long> atDeclaration,
                                     String label, long epoch) {
        Map<PartitionKey, Long> firstNew = new TreeMap<>();
        ends.forEach((p, end) -> {
            long at = atDeclaration.getOrDefault(p, -1L);
            firstNew.put(p, at < 0 || at > end ? end : at);
        });
        Map<PartitionKey, Moved> moved = new TreeMap<>();
        restore.forEach((p, n) -> {
            Long end = ends.get(p);
            if (end == null) return;
            long first = firstNew.get(p);
            if (n > end) {
                moved.put(p, new Moved(n, first, "beyond the new primary's end " + end + ": offsets " + first + ".." + (n - 1)
                        + " never reached it"));
            } else if (first < n) {
                moved.put(p, new Moved(n, first, "reused: offsets " + first + ".." + (n - 1) + " hold records enqueued after the loss"
                        + " was declared, not the ones the restore point read"));
            }
        });
        if (moved.isEmpty()) return new SourceStart(label, Map.of(), Map.of(), firstNew);
        Map<PartitionKey, Long> offsets = new TreeMap<>(restore);
        offsets.keySet().retainAll(ends.keySet());
        moved.forEach((p, m) -> offsets.put(p, m.start()));
        return new SourceStart(label + "-e" + epoch, offsets, moved, firstNew);
    }

    /** The job's {@code source.start-position} for these starts: {@code offsets:<partition>=<offset>,...}. */
    public String startPosition(String hub) {
        return "offsets:" + offsets.entrySet().stream().filter(e -> e.getKey().hub().equals(hub))
                .map(e -> e.getKey().partition() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
