package io.github.fgf.statetools.store;

import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Snapshots on a local (or mounted) filesystem. */
public final class LocalFileStore implements SnapshotStore {

    @Override
    public List<StoredFile> list(SnapshotUri dir) {
        Path root = Path.of(dir.path());
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(LocalFileStore::stored).toList();
        } catch (IOException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredFile> stat(SnapshotUri file) {
        Path p = Path.of(file.path());
        return Files.isRegularFile(p) ? Optional.of(stored(p)) : Optional.empty();
    }

    @Override
    public InputStream open(SnapshotUri file) {
        try {
            return Files.newInputStream(Path.of(file.path()));
        } catch (NoSuchFileException e) {
            throw new StateToolsException(Reason.PROBLEM, file + " does not exist", e);
        } catch (IOException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(SnapshotUri file) {
        try {
            Path p = Path.of(file.path());
            Files.deleteIfExists(p);
            // Remove directories left empty, up to the first non-empty one.
            for (Path dir = p.getParent(); dir != null && isEmptyDir(dir); dir = dir.getParent()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(SnapshotUri file, InputStream content, long size, Optional<java.time.Instant> sourceModified) {
        Path p = Path.of(file.path());
        try {
            Files.createDirectories(p.getParent());
            // Through a temporary file: a reader never sees a half-written file under the final name.
            Path tmp = Files.createTempFile(p.getParent(), ".part-", "");
            try {
                Files.copy(content, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                if (sourceModified.isPresent()) Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.from(sourceModified.get()));
                Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp); // gone after the move; a failed write leaves no part file behind
            }
        } catch (IOException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean copyWithin(SnapshotUri from, SnapshotUri to) {
        if (!from.scheme().equals("file")) return false;
        try (InputStream in = open(from)) {
            write(to, in, Files.size(Path.of(from.path())), Optional.empty());
            return true;
        } catch (IOException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot copy " + from + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static StoredFile stored(Path p) {
        try {
            return new StoredFile("file://" + p.toAbsolutePath(), Files.size(p), Files.getLastModifiedTime(p).toInstant());
        } catch (IOException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot stat " + p + ": " + e.getMessage(), e);
        }
    }
}
