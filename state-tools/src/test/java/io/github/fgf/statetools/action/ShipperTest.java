package io.github.fgf.statetools.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.ShipReport;
import io.github.fgf.statetools.model.VerifyReport;
import io.github.fgf.statetools.read.LoadedSnapshot;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.ReferencedFile;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.read.StateHandles;
import io.github.fgf.statetools.store.LocalFileStore;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.OperatorStreamStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipping on file:// stores, with checkpoints shaped as RocksDB's incremental ones (shared SSTs,
 * private files, a meta file, operator state, inline bytes): the copy restores without the source,
 * a second shipment copies only what is new, and a bad copy or an unshippable handle is named.
 * The restore by a real Flink from a shipped checkpoint is in StateToolsITCase.
 */
class ShipperTest {

    @TempDir Path a;
    @TempDir Path b;

    private static final Instant WRITTEN = Instant.parse("2026-11-30T10:00:00Z");
    private final OperatorID keyed = new OperatorID();

    private FileStateHandle file(String rel, int size) throws Exception {
        Path p = a.resolve("checkpoints/job1").resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
        return new FileStateHandle(new org.apache.flink.core.fs.Path("file://" + p), size);
    }

    /** chk-N referencing the given shared files plus private, meta and operator state files of its own. */
    private SnapshotUri checkpoint(long id, List<String> shared) throws Exception {
        List<HandleAndLocalPath> sharedState = new java.util.ArrayList<>();
        for (String s : shared) sharedState.add(HandleAndLocalPath.of(file("shared/" + s, 100 + s.length()), s + ".sst"));
        IncrementalRemoteKeyedStateHandle inc = new IncrementalRemoteKeyedStateHandle(UUID.randomUUID(), KeyGroupRange.of(0, 127),
                id, sharedState, List.of(HandleAndLocalPath.of(file("chk-" + id + "/MANIFEST", 30), "MANIFEST"),
                        HandleAndLocalPath.of(new ByteStreamStateHandle("CURRENT", new byte[] {1, 2}), "CURRENT")),
                file("chk-" + id + "/meta", 40), 500);
        OperatorState op = new OperatorState(keyed, 1, 128);
        op.putState(0, OperatorSubtaskState.builder().setManagedKeyedState(inc)
                .setManagedOperatorState(new OperatorStreamStateHandle(Map.of(), file("chk-" + id + "/op-state", 20))).build());
        Path dir = a.resolve("checkpoints/job1/chk-" + id);
        try (OutputStream out = Files.newOutputStream(dir.resolve("_metadata"))) {
            Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(op), List.of()), out);
        }
        Files.setLastModifiedTime(dir.resolve("_metadata"), FileTime.from(WRITTEN));
        return SnapshotUri.parse("file://" + dir);
    }

    private Shipper shipper() {
        return new Shipper(new SnapshotReader(new LocalFileStore()), new LocalFileStore());
    }

    private VerifyReport verify(String dir) {
        return new Verifier(new SnapshotReader(new LocalFileStore()), new OperatorNames(List.of())).verify(SnapshotUri.parse(dir), Optional.empty());
    }

    @Test
    void aShippedCheckpointReferencesOnlyItsCopiesAndVerifiesWithoutTheSource() throws Exception {
        SnapshotUri chk = checkpoint(7, List.of("s1", "s22"));
        ShipReport r = shipper().ship(chk, SnapshotUri.parse("file://" + b));

        assertEquals("file://" + b + "/job1/chk-7", r.target());
        assertEquals(5, r.filesReferenced());
        assertEquals(5, r.filesCopied());
        assertEquals(102 + 103 + 30 + 40 + 20, r.bytesCopied());
        assertEquals(WRITTEN.toString(), r.checkpointCompletedAt());
        org.apache.commons.io.FileUtils.deleteDirectory(a.toFile()); // region A is gone

        LoadedSnapshot shipped = new SnapshotReader(new LocalFileStore()).load(SnapshotUri.parse(r.target()));
        assertEquals(7, shipped.metadata().getCheckpointId());
        assertEquals(WRITTEN, shipped.metadataFile().lastModified(), "a shipped checkpoint dates as the original (state RPO)");
        List<ReferencedFile> refs = StateHandles.files(shipped.dir(), shipped.metadata(), new OperatorNames(List.of())::name);
        assertEquals(5, refs.size());
        for (ReferencedFile f : refs) assertTrue(SnapshotUri.parse(f.uri()).path().startsWith(b + "/job1/"), f.uri());
        assertTrue(verify(r.target()).restorable(), verify(r.target()).toString());
        var inc = (IncrementalRemoteKeyedStateHandle) shipped.metadata().getOperatorStates().iterator().next()
                .getState(0).getManagedKeyedState().iterator().next();
        assertEquals(List.of("s1.sst", "s22.sst"), inc.getSharedState().stream().map(HandleAndLocalPath::getLocalPath).toList());
        assertTrue(inc.getPrivateState().stream().anyMatch(p -> p.getHandle() instanceof ByteStreamStateHandle), "inline bytes kept");
    }

    @Test
    void aLaterShipmentCopiesOnlyTheSharedFilesThatAreNew() throws Exception {
        SnapshotUri first = checkpoint(7, List.of("s1", "s22"));
        shipper().ship(first, SnapshotUri.parse("file://" + b));
        SnapshotUri second = checkpoint(8, List.of("s1", "s22", "s333"));
        ShipReport r = shipper().ship(second, SnapshotUri.parse("file://" + b));
        assertEquals(2, r.filesAlreadyThere(), r.toString());
        assertEquals(102 + 103, r.bytesAlreadyThere());
        assertEquals(4, r.filesCopied(), "s333, MANIFEST, meta and op-state of chk-8");
        assertTrue(verify(r.target()).restorable());
    }

    @Test
    void aTruncatedOrMissingCopyIsNamedByVerify() throws Exception {
        ShipReport r = shipper().ship(checkpoint(7, List.of("s1")), SnapshotUri.parse("file://" + b));
        Files.write(b.resolve("job1/shared/s1"), new byte[3]);
        VerifyReport v = verify(r.target());
        assertFalse(v.restorable());
        assertEquals("truncated", v.problems().get(0).kind(), v.toString());
        Files.delete(b.resolve("job1/chk-7/meta"));
        assertTrue(verify(r.target()).problems().stream().anyMatch(p -> p.kind().equals("missing")
                && p.file().endsWith("/job1/chk-7/meta")), verify(r.target()).toString());
    }

    @Test
    void aFileOutsideTheJobDirectoryOrGoneFromTheSourceFailsTheShipmentWithoutAMetadata() throws Exception {
        SnapshotUri chk = checkpoint(7, List.of("s1"));
        Files.delete(a.resolve("checkpoints/job1/shared/s1")); // subsumed by Flink while shipping
        StateToolsException e = assertThrows(StateToolsException.class, () -> shipper().ship(chk, SnapshotUri.parse("file://" + b)));
        assertTrue(e.getMessage().contains("shared/s1"), e.getMessage());
        assertFalse(Files.exists(b.resolve("job1/chk-7/_metadata")), "an incomplete shipment has no _metadata");
    }
}
