package io.github.fgf.controller.testing.fakes;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.decide.RestorePointCandidate;
import io.github.fgf.controller.observe.RestorePointObserver;
import io.github.fgf.controller.observe.RestorePoints;
import io.github.fgf.controller.observe.SavepointStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The primary's savepoints and their geo-secondary copy: a savepoint is in the copy once the Last
 * Sync Time has passed its write, as GRS promises. Failure switch: the observation fails.
 */
public final class FakeStorage implements SavepointStorage, RestorePoints {

    private final String primaryDir;
    private final String secondaryDir;
    private final Map<String, Instant> written = new LinkedHashMap<>();
    private volatile Instant lastSyncTime = Instant.EPOCH;
    /** GRS keeps up: each savepoint is replicated as soon as it is written. */
    public volatile boolean replicateAtOnce = true;
    public volatile boolean observationFails;
    public final AtomicInteger observations = new AtomicInteger();
    public final Map<PartitionKey, Long> offsets = Map.of(PartitionKey.of("telemetry", 0), 10L, PartitionKey.of("telemetry", 1), 12L,
            PartitionKey.of("telemetry", 2), 9L, PartitionKey.of("telemetry", 3), 11L);

    public FakeStorage(String primaryDir, String secondaryDir) {
        this.primaryDir = primaryDir.replaceAll("/+$", "");
        this.secondaryDir = secondaryDir.replaceAll("/+$", "");
    }

    /** A savepoint written at {@code at} under the primary's directory; its path. */
    public synchronized String write(String name, Instant at) {
        String path = primaryDir + "/" + name;
        written.put(path, at);
        if (replicateAtOnce) lastSyncTime = at.plusSeconds(2);
        return path;
    }

    /** Records a path a fake Flink wrote now. */
    public void wrote(String path) {
        synchronized (this) {
            written.put(path, Instant.now());
            if (replicateAtOnce) lastSyncTime = Instant.now().plusSeconds(2);
        }
    }

    public void lastSyncTime(Instant t) {
        lastSyncTime = t;
    }

    @Override
    public synchronized Optional<String> newestComplete(String dir) {
        return written.keySet().stream().filter(p -> p.startsWith(dir.replaceAll("/+$", ""))).reduce((x, y) -> y);
    }

    @Override
    public synchronized Instant writtenAt(String savepoint) {
        Instant at = written.get(savepoint);
        if (at == null) throw new IllegalStateException("no savepoint " + savepoint);
        return at;
    }

    @Override
    public Instant lastSyncTime(String from) {
        return lastSyncTime;
    }

    @Override
    public synchronized RestorePointObserver.Observation observe() {
        observations.incrementAndGet();
        if (observationFails) throw new IllegalStateException("geo-secondary unreachable (failure switch)");
        List<RestorePointCandidate> out = new ArrayList<>();
        long id = 1;
        for (Map.Entry<String, Instant> e : written.entrySet()) {
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            out.add(new RestorePointCandidate(secondaryDir + "/" + name, id++, e.getValue().plusSeconds(1), true, List.of()));
        }
        return new RestorePointObserver.Observation(out, lastSyncTime, Instant.now());
    }

    @Override
    public Map<PartitionKey, Long> sourceOffsets(String path) {
        return offsets;
    }
}
