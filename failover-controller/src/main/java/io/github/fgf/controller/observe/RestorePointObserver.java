package io.github.fgf.controller.observe;

import io.github.fgf.controller.decide.RestorePointCandidate;
import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.Inspector;
import io.github.fgf.statetools.action.LastSyncTimeSource;
import io.github.fgf.statetools.action.Verifier;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.VerifyReport;
import io.github.fgf.statetools.read.LoadedSnapshot;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.statetools.store.StoredFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Observes restore points as region B sees them: the savepoints in the primary account's
 * geo-secondary copy, each verified there, and that account's Last Sync Time. Only records; the
 * selector decides. Reuses state-tools' reading code.
 *
 * <p>Observe once: each savepoint's {@code _metadata} is read once, and the verification and the
 * source offsets come from that one read. The result is kept per savepoint directory together with
 * the files the listing showed (names and sizes); a later observation lists again, and reads only
 * directories that are new or whose files changed. A savepoint is immutable once complete, so a
 * listing that shows the same files shows the same, still verified, savepoint.
 */
public final class RestorePointObserver {

    /** What was observed: candidates and the Last Sync Time, at one moment. */
    public record Observation(List<RestorePointCandidate> candidates, Instant lastSyncTime, Instant observedAt) {}

    /** One savepoint as last read: what its directory held, the candidate, and the source's next offsets. */
    private record Seen(String filesKey, RestorePointCandidate candidate, Map<PartitionKey, Long> offsets) {}

    private final SnapshotUri savepoints;
    private final String lastSyncTimeFrom;
    private final List<String> namespaces;
    private final RestorePointCandidate.Kind kind;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong metadataReads = new AtomicLong();

    /** Observes the primary's savepoints in its storage account's geo-secondary copy: what region B can restore. */
    public static RestorePointObserver ofPrimary(io.github.fgf.controller.config.Topology topology) {
        var s = topology.primary().storage();
        return new RestorePointObserver(s.secondarySavepoints(), s.lastSyncTimeFrom(), List.of(topology.primary().namespace()));
    }

    public RestorePointObserver(String secondarySavepoints, String lastSyncTimeFrom) {
        this(secondarySavepoints, lastSyncTimeFrom, List.of());
    }

    public RestorePointObserver(String secondarySavepoints, String lastSyncTimeFrom, List<String> namespaces) {
        this(secondarySavepoints, lastSyncTimeFrom, namespaces, RestorePointCandidate.Kind.SAVEPOINT);
    }

    private RestorePointObserver(String dir, String lastSyncTimeFrom, List<String> namespaces, RestorePointCandidate.Kind kind) {
        this.savepoints = SnapshotUri.parse(dir);
        this.lastSyncTimeFrom = lastSyncTimeFrom;
        this.namespaces = namespaces;
        this.kind = kind;
    }

    /**
     * Observes the checkpoints the controller shipped from the primary into the secondary's own storage. They need no
     * Last Sync Time (the observation carries none); a shipped checkpoint referencing any file outside that directory
     * is not restorable after the loss, and says so.
     */
    public static RestorePointObserver ofShipped(io.github.fgf.controller.config.Topology topology) {
        return new RestorePointObserver(topology.primary().storage().shipCheckpointsTo(), null,
                List.of(topology.primary().namespace()), RestorePointCandidate.Kind.SHIPPED_CHECKPOINT);
    }

    public Observation observe() {
        // Read the Last Sync Time first: a savepoint that replicates while we look is then judged conservatively.
        Instant lst = lastSyncTimeFrom == null ? null : LastSyncTimeSource.read(lastSyncTimeFrom);
        SnapshotReader reader = new SnapshotReader(SnapshotStore.forUri(savepoints));
        Catalog catalog = new Catalog(reader);
        Map<SnapshotUri, List<StoredFile>> dirs = catalog.snapshotDirs(savepoints);
        List<RestorePointCandidate> out = new ArrayList<>();
        Map<String, Seen> now = new TreeMap<>();
        for (Map.Entry<SnapshotUri, List<StoredFile>> d : dirs.entrySet()) {
            String path = d.getKey().toString();
            String filesKey = filesKey(d.getValue());
            Seen s = seen.get(path);
            if (s == null || !s.filesKey().equals(filesKey)) s = read(reader, catalog, d.getKey(), d.getValue(), filesKey);
            now.put(path, s);
            out.add(s.candidate());
        }
        // Forget savepoints that are gone (pruned), so memory stays bounded by retention.
        seen.keySet().retainAll(now.keySet());
        seen.putAll(now);
        out.sort(Comparator.comparing(RestorePointCandidate::completedAt).thenComparing(RestorePointCandidate::path));
        return new Observation(out, lst, Instant.now());
    }

    /** The source's next offsets of a savepoint this observer has read ({@code topic|partition} keys), if it has. */
    public Optional<Map<PartitionKey, Long>> offsets(String path) {
        return Optional.ofNullable(seen.get(path)).map(Seen::offsets).filter(o -> !o.isEmpty());
    }

    /** How many {@code _metadata} files this observer has read, for tests and the probe benchmark. */
    public long metadataReads() {
        return metadataReads.get();
    }

    private Seen read(SnapshotReader reader, Catalog catalog, SnapshotUri dir, List<StoredFile> files, String filesKey) {
        Catalog.Entry e = catalog.load(dir, files);
        if (!e.complete()) {
            // Not kept: an incomplete directory is listed again next time, and read once it has its _metadata.
            return new Seen("incomplete", new RestorePointCandidate(dir.toString(), null, e.completedAt(), false, List.of(e.problem()),
                    kind), Map.of());
        }
        metadataReads.incrementAndGet();
        LoadedSnapshot loaded = e.loaded().get();
        VerifyReport v = new Verifier(reader, new OperatorNames(List.of())).verify(loaded, Optional.empty());
        List<String> problems = new ArrayList<>(v.problems().stream().map(p -> p.kind() + ": " + p.file()).toList());
        if (kind == RestorePointCandidate.Kind.SHIPPED_CHECKPOINT) {
            // The primary's files verify while it is up; after its loss they are gone. Only copies count.
            String root = savepoints.key().endsWith("/") ? savepoints.key() : savepoints.key() + "/";
            io.github.fgf.statetools.read.StateHandles.files(loaded.dir(), loaded.metadata(), new OperatorNames(List.of())::name).stream()
                    .map(f -> loaded.dir().sibling(f.uri())).filter(f -> !f.key().startsWith(root)).distinct().limit(3)
                    .forEach(f -> problems.add("outside the shipped directory: " + f));
        }
        Map<PartitionKey, Long> offsets = new TreeMap<>();
        if (problems.isEmpty()) {
            new Inspector(reader, new OperatorNames(namespaces)).inspect(loaded).sourceOffsets()
                    .forEach(s -> offsets.put(PartitionKey.of(s.topic(), s.partition()), s.nextOffset()));
        }
        // Last-Modified has one-second resolution: the write may have ended up to a second after it. A shipped
        // checkpoint dated to the millisecond carries Flink's own completion time (the shipper wrote it): exact.
        boolean exact = kind == RestorePointCandidate.Kind.SHIPPED_CHECKPOINT && e.completedAt().getNano() != 0;
        Instant writtenBy = exact ? e.completedAt() : e.completedAt().plus(Duration.ofSeconds(1));
        return new Seen(filesKey, new RestorePointCandidate(dir.toString(), loaded.metadata().getCheckpointId(), writtenBy, true,
                problems, kind), offsets);
    }

    private static String filesKey(List<StoredFile> files) {
        StringBuilder b = new StringBuilder();
        files.stream().sorted(Comparator.comparing(StoredFile::uri)).forEach(f -> b.append(f.uri()).append('=').append(f.size()).append(';'));
        return b.toString();
    }
}
