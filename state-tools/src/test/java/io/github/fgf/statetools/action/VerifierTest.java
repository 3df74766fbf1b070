package io.github.fgf.statetools.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.VerifyReport;
import io.github.fgf.statetools.read.LoadedSnapshot;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.statetools.store.StoredFile;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.OperatorStreamStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.runtime.state.filesystem.RelativeFileStateHandle;
import org.junit.jupiter.api.Test;

/**
 * A restore point read from a geo-secondary copy: its own (relative) files are checked in that copy,
 * and a file recorded in another account is checked where a restore would read it, in that account.
 */
class VerifierTest {

    static final String COPY = "wasbs://sp@acct-secondary.blob.core.windows.net/savepoints/savepoint-1";
    static final String SHARED = "wasbs://chk@acct.blob.core.windows.net/checkpoints/shared/f1";

    /** A store holding some files; {@code down}: every call fails, as an account whose region is lost. */
    record FakeStore(Map<String, Long> files, boolean down) implements SnapshotStore {
        @Override
        public List<StoredFile> list(SnapshotUri dir) {
            return List.of();
        }

        @Override
        public Optional<StoredFile> stat(SnapshotUri file) {
            if (down) throw new IllegalStateException("connection refused");
            Long size = files.get(file.withoutQuery());
            return size == null ? Optional.empty() : Optional.of(new StoredFile(file.withoutQuery(), size, Instant.EPOCH));
        }

        @Override
        public InputStream open(SnapshotUri file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(SnapshotUri file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(SnapshotUri file, InputStream content, long size, Optional<Instant> sourceModified) {
            throw new UnsupportedOperationException();
        }
    }

    static LoadedSnapshot snapshot() {
        OperatorState op = new OperatorState(new OperatorID(), 1, 128);
        op.putState(0, OperatorSubtaskState.builder()
                .setManagedOperatorState(new OperatorStreamStateHandle(Map.of(), new RelativeFileStateHandle(new Path(COPY + "/own"), "own", 10)))
                .setRawOperatorState(new OperatorStreamStateHandle(Map.of(), new FileStateHandle(new Path(SHARED), 20)))
                .build());
        CheckpointMetadata metadata = new CheckpointMetadata(1, List.of(op), List.of());
        return new LoadedSnapshot(SnapshotUri.parse(COPY), new StoredFile(COPY + "/_metadata", 100, Instant.EPOCH), metadata, 4);
    }

    @Test
    void aFileInAnotherAccountIsCheckedThereNotInTheCopy() {
        // The copy also holds a file at the shared path: it must not count, a restore reads the other account.
        FakeStore copy = new FakeStore(Map.of(COPY + "/own", 10L, "wasbs://chk@acct-secondary.blob.core.windows.net/checkpoints/shared/f1", 20L), false);
        Verifier lost = new Verifier(new SnapshotReader(copy), new OperatorNames(List.of()), u -> new FakeStore(Map.of(), true));
        VerifyReport r = lost.verify(snapshot(), Optional.empty());
        assertEquals(1, r.problems().size(), r.toString());
        assertEquals("unreachable", r.problems().get(0).kind());
        assertEquals(SHARED, r.problems().get(0).file());
        assertTrue(r.problems().get(0).detail().contains("account acct.blob.core.windows.net"), r.problems().get(0).detail());

        Verifier reachable = new Verifier(new SnapshotReader(copy), new OperatorNames(List.of()),
                u -> new FakeStore(Map.of(SHARED, 20L), false));
        assertTrue(reachable.verify(snapshot(), Optional.empty()).restorable());
    }
}
