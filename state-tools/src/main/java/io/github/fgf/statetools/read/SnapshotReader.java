package io.github.fgf.statetools.read;

import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.statetools.store.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/** Reads a snapshot's {@code _metadata} with Flink's own loader, without a cluster. */
public final class SnapshotReader {

    public static final String METADATA = "_metadata";
    /** A local directory with an empty _metadata: a pointer Flink's loader can always resolve. */
    private static final java.nio.file.Path LOCAL_ANCHOR = localAnchor();
    private final SnapshotStore store;

    public SnapshotReader(SnapshotStore store) {
        this.store = store;
    }

    private static java.nio.file.Path localAnchor() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("state-tools-anchor");
            java.nio.file.Files.createFile(dir.resolve(METADATA));
            dir.toFile().deleteOnExit();
            dir.resolve(METADATA).toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    public SnapshotStore store() {
        return store;
    }

    /** {@code dir} is the snapshot directory or its _metadata file. */
    public LoadedSnapshot load(SnapshotUri dir) {
        SnapshotUri snapshotDir = dir.path().endsWith("/" + METADATA) ? dir.parent() : dir;
        SnapshotUri metadataUri = snapshotDir.child(METADATA);
        StoredFile file = store.stat(metadataUri).orElseThrow(() -> new StateToolsException(Reason.PROBLEM,
                metadataUri + " is missing: not a complete snapshot"));
        byte[] bytes;
        try (InputStream in = store.open(metadataUri)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot read " + metadataUri + ": " + e.getMessage(), e);
        }
        try {
            // Flink resolves the pointer through its own FileSystem (which may not know the scheme) only to
            // anchor relative handles; StateHandles re-anchors those on the real snapshot directory.
            CheckpointMetadata md = Checkpoints.loadCheckpointMetadata(new DataInputStream(new ByteArrayInputStream(bytes)),
                    SnapshotReader.class.getClassLoader(), LOCAL_ANCHOR.toUri().toString());
            // Bytes 4..8 after the magic number: the metadata format version.
            int version = java.nio.ByteBuffer.wrap(bytes, 4, 4).getInt();
            return new LoadedSnapshot(snapshotDir, file, md, version);
        } catch (EOFException e) {
            throw new StateToolsException(Reason.PROBLEM, metadataUri + " is truncated (" + bytes.length + " bytes)", e);
        } catch (IOException | RuntimeException e) {
            throw new StateToolsException(Reason.PROBLEM, metadataUri + " is unreadable: " + e.getMessage(), e);
        }
    }
}
