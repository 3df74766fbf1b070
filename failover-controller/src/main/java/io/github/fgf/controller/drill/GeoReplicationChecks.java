package io.github.fgf.controller.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The drill's check of a Geo-Replication failback: the offsets it reported lost against what the brokers showed. */
final class GeoReplicationChecks {

    private GeoReplicationChecks() {}

    /**
     * @param reported failback's {@code lostInReplication}: per {@code hub|partition}, {@code {from, to}}
     * @param truth    per partition, the old primary's offsets the new primary did not hold
     */
    static DrillResult.GeoReplicationCheck compare(JsonNode reported, Map<Integer, Set<Long>> truth, String hub, int repositioned) {
        Map<Integer, Set<Long>> said = new java.util.TreeMap<>();
        reported.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (!key.startsWith(hub + "|")) return;
            int partition = Integer.parseInt(key.substring(hub.length() + 1));
            Set<Long> offsets = said.computeIfAbsent(partition, x -> new TreeSet<>());
            for (long o = e.getValue().path("from").asLong(); o < e.getValue().path("to").asLong(); o++) offsets.add(o);
        });
        long reportedTotal = said.values().stream().mapToLong(Set::size).sum();
        long trueTotal = truth.values().stream().mapToLong(Set::size).sum();
        long mismatched = 0;
        Set<Integer> partitions = new TreeSet<>(said.keySet());
        partitions.addAll(truth.keySet());
        for (int p : partitions) {
            Set<Long> a = said.getOrDefault(p, Set.of());
            Set<Long> b = truth.getOrDefault(p, Set.of());
            mismatched += a.stream().filter(o -> !b.contains(o)).count() + b.stream().filter(o -> !a.contains(o)).count();
        }
        return new DrillResult.GeoReplicationCheck(reportedTotal, trueTotal, mismatched, repositioned);
    }
}
