package io.github.fgf.statetools.action;

import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.PruneReport;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.ReferencedFile;
import io.github.fgf.statetools.read.StateHandles;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.statetools.store.StoredFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old snapshots under a directory. Keeps the newest N complete ones, those younger than
 * keep-within, always the newest complete one, and anything newer than it (it may be in
 * progress). Never deletes a file a kept snapshot references: incremental checkpoints share files.
 */
public final class Pruner {

    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);
    private final Catalog catalog;
    private final SnapshotStore store;

    public Pruner(Catalog catalog, SnapshotStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    public PruneReport prune(SnapshotUri dir, int keepLast, Optional<Duration> keepWithin, boolean dryRun, Instant now) {
        return prune(dir, keepLast, keepWithin, dryRun, now, Set.of());
    }

    /** As above, never deleting the snapshots in {@code protect} (paths, e.g. the newest restorable savepoint). */
    public PruneReport prune(SnapshotUri dir, int keepLast, Optional<Duration> keepWithin, boolean dryRun, Instant now,
                             Set<String> protect) {
        if (keepLast < 1) throw new IllegalArgumentException("--keep-last: expected at least 1, got " + keepLast);
        List<Catalog.Entry> entries = catalog.entries(dir); // oldest first
        List<Catalog.Entry> complete = entries.stream().filter(Catalog.Entry::complete).toList();
        Set<Catalog.Entry> keep = new HashSet<>(complete.subList(Math.max(0, complete.size() - keepLast), complete.size()));
        Instant newestComplete = complete.isEmpty() ? Instant.MAX : complete.get(complete.size() - 1).completedAt();
        for (Catalog.Entry e : entries) {
            boolean young = keepWithin.map(w -> e.completedAt().isAfter(now.minus(w))).orElse(false);
            if (young || !e.completedAt().isBefore(newestComplete) || protect.contains(e.dir().withoutQuery())) keep.add(e);
        }
        Set<String> referenced = new HashSet<>();
        Set<String> ownedByKept = new HashSet<>();
        OperatorNames anonymous = new OperatorNames(List.of());
        for (Catalog.Entry e : keep) {
            e.files().forEach(f -> ownedByKept.add(dir.sibling(f.uri()).key()));
            e.loaded().ifPresent(l -> StateHandles.files(l.dir(), l.metadata(), anonymous::name)
                    .forEach(f -> referenced.add(dir.sibling(f.uri()).key())));
        }
        List<String> deletedSnapshots = new ArrayList<>();
        List<String> deletedFiles = new ArrayList<>();
        int sharedKept = 0;
        String root = dir.key().endsWith("/") ? dir.key() : dir.key() + "/";
        for (Catalog.Entry e : entries) {
            if (keep.contains(e)) continue;
            deletedSnapshots.add(e.dir().toString());
            List<String> candidates = new ArrayList<>(e.files().stream().map(StoredFile::uri).toList());
            e.loaded().ifPresent(l -> StateHandles.files(l.dir(), l.metadata(), anonymous::name).stream()
                    .map(ReferencedFile::uri).forEach(candidates::add));
            for (String uri : new java.util.LinkedHashSet<>(candidates)) {
                SnapshotUri file = dir.sibling(uri);
                String key = file.key();
                if (referenced.contains(key) || ownedByKept.contains(key)) {
                    sharedKept++;
                    continue;
                }
                if (!key.startsWith(root)) continue; // never touch anything outside the pruned directory
                if (!dryRun) store.delete(file);
                deletedFiles.add(file.toString());
            }
            LOG.info("{} snapshot {}: older than the {} kept", dryRun ? "Would delete" : "Deleted", e.dir(), keep.size());
        }
        List<String> kept = entries.stream().filter(keep::contains).map(e -> e.dir().toString()).toList();
        return new PruneReport(dryRun, kept, deletedSnapshots, deletedFiles, sharedKept);
    }
}
