package io.github.fgf.controller.testing.fakes;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.act.FailbackHubs;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hubs of a failback: A holds {@code strandedPerPartition} events past the restore point, B's
 * job commits whatever reaches its hub by the next look. Counts what the runner did, so a test
 * can tell a repeated action from a recorded one. Failure switch: B's job never commits.
 */
public final class FakeFailbackHubs implements FailbackHubs {

    public final long strandedPerPartition = 7;
    private final Map<PartitionKey, Long> bEnd = new TreeMap<>(
            Map.of(PartitionKey.of("telemetry", 0), 500L, PartitionKey.of("telemetry", 1), 400L));
    public int drains;
    public int releases;
    public volatile boolean jobStalled;

    @Override
    public synchronized Drained drain(String hub, Map<PartitionKey, Long> start, long epoch) {
        drains++;
        Map<PartitionKey, Long> copied = new TreeMap<>();
        bEnd.keySet().forEach(p -> {
            copied.put(p, strandedPerPartition);
            bEnd.merge(p, strandedPerPartition, Long::sum);
        });
        return new Drained(copied, Map.of());
    }

    @Override
    public synchronized Map<PartitionKey, Long> endOffsets(String hub) {
        return hub.equals("telemetry") ? new TreeMap<>(bEnd) : Map.of();
    }

    @Override
    public synchronized Map<PartitionKey, Long> committedOffsets(String group, String hub) {
        return jobStalled ? Map.of() : new TreeMap<>(bEnd);
    }

    @Override
    public synchronized Map<PartitionKey, Long> writeRelease(String hub, long epoch) {
        releases++;
        bEnd.replaceAll((p, v) -> v + 1);
        return new TreeMap<>(bEnd);
    }

    @Override
    public long countStranded(String lateHub, Map<PartitionKey, Long> from, long epoch) {
        return 0;
    }
}
