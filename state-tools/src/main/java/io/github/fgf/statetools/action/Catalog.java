package io.github.fgf.statetools.action;

import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.SnapshotSummary;
import io.github.fgf.statetools.read.LoadedSnapshot;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.StoredFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the snapshots under a directory with one recursive listing, then reads each
 * {@code _metadata} (in parallel: on Blob storage each read is a round trip).
 */
public final class Catalog {

    /** A snapshot directory: chk-N, savepoint-..., or any directory holding _metadata. */
    private static final Pattern SNAPSHOT_DIR = Pattern.compile("^(.*?/(chk-\\d+|savepoint-[^/]+))(/.*)?$");
    private static final int READERS = 8;

    private final SnapshotReader reader;

    public Catalog(SnapshotReader reader) {
        this.reader = reader;
    }

    /** A snapshot as found on storage, loaded if complete. */
    public record Entry(SnapshotUri dir, List<StoredFile> files, Optional<LoadedSnapshot> loaded, String problem) {
        public boolean complete() {
            return loaded.isPresent();
        }

        public Instant completedAt() {
            return loaded.map(l -> l.metadataFile().lastModified())
                    .orElse(files.stream().map(StoredFile::lastModified).max(Comparator.naturalOrder()).orElse(Instant.EPOCH));
        }
    }

    /**
     * The snapshot directories under {@code dir} with their files, from one listing and without reading any of them:
     * what a caller that remembers snapshots it has already read needs to tell new or changed ones.
     */
    public Map<SnapshotUri, List<StoredFile>> snapshotDirs(SnapshotUri dir) {
        Map<SnapshotUri, List<StoredFile>> out = new LinkedHashMap<>();
        byDir(dir).forEach((uri, files) -> out.put(dir.sibling(uri), files));
        return out;
    }

    private Map<String, List<StoredFile>> byDir(SnapshotUri dir) {
        Map<String, List<StoredFile>> byDir = new LinkedHashMap<>();
        for (StoredFile f : reader.store().list(dir)) {
            String uri = f.uri();
            String snapshot = null;
            if (uri.endsWith("/" + SnapshotReader.METADATA)) {
                snapshot = uri.substring(0, uri.length() - SnapshotReader.METADATA.length() - 1);
            } else {
                Matcher m = SNAPSHOT_DIR.matcher(uri);
                if (m.matches()) snapshot = m.group(1);
            }
            if (snapshot != null) byDir.computeIfAbsent(snapshot, k -> new ArrayList<>()).add(f);
        }
        return byDir;
    }

    public List<Entry> entries(SnapshotUri dir) {
        Map<String, List<StoredFile>> byDir = byDir(dir);
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<Entry>> futures = new ArrayList<>();
            byDir.forEach((uri, files) -> futures.add(pool.submit(() -> load(dir.sibling(uri), files))));
            List<Entry> out = new ArrayList<>();
            for (Future<Entry> f : futures) out.add(f.get());
            out.sort(Comparator.comparing(Entry::completedAt).thenComparing(e -> e.dir().path()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One snapshot directory as listed: loaded if it has a {@code _metadata} that reads. */
    public Entry load(SnapshotUri dir, List<StoredFile> files) {
        if (files.stream().noneMatch(f -> f.uri().endsWith("/" + SnapshotReader.METADATA))) {
            return new Entry(dir, files, Optional.empty(), "no _metadata (incomplete or in progress)");
        }
        try {
            return new Entry(dir, files, Optional.of(reader.load(dir)), null);
        } catch (StateToolsException e) {
            if (e.reason() != StateToolsException.Reason.PROBLEM) throw e;
            return new Entry(dir, files, Optional.empty(), e.getMessage());
        }
    }

    public List<SnapshotSummary> list(SnapshotUri dir, Optional<Instant> replicatedBefore) {
        return entries(dir).stream().map(e -> new SnapshotSummary(e.dir().toString(),
                e.loaded().map(LoadedSnapshot::type).orElse(e.dir().path().contains("/chk-") ? "checkpoint" : "savepoint"),
                e.loaded().map(l -> l.metadata().getCheckpointId()).orElse(null),
                e.completedAt().toString(),
                e.files().stream().mapToLong(StoredFile::size).sum(), e.files().size(), e.complete(), e.problem(),
                replicatedBefore.map(t -> e.complete() && e.completedAt().isBefore(t)).orElse(null))).toList();
    }
}
