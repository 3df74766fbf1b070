package io.github.fgf.controller.testing;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Retained checkpoints on file:// shaped as RocksDB's incremental ones (shared files, a private
 * file and operator state of their own), written with Flink's serializer: what the shipper and the
 * restore-point observer read, without a cluster.
 */
public final class SyntheticCheckpoints {

    private final Path jobDir;
    private final OperatorID operator = new OperatorID();

    /** Checkpoints of one job under {@code <checkpoints>/<job>}. */
    public SyntheticCheckpoints(Path checkpoints, String job) {
        this.jobDir = checkpoints.resolve(job);
    }

    /** Writes chk-{@code id} referencing the named shared files (created if new), dated {@code written}; returns its URI. */
    public String write(long id, List<String> shared, Instant written) throws Exception {
        List<HandleAndLocalPath> sharedState = new ArrayList<>();
        for (String s : shared) sharedState.add(HandleAndLocalPath.of(file("shared/" + s, 64), s + ".sst"));
        var keyed = new IncrementalRemoteKeyedStateHandle(java.util.UUID.randomUUID(), KeyGroupRange.of(0, 127), id, sharedState,
                List.of(HandleAndLocalPath.of(file("chk-" + id + "/MANIFEST", 16), "MANIFEST")), file("chk-" + id + "/meta", 8), 100);
        OperatorState op = new OperatorState(operator, 1, 128);
        op.putState(0, OperatorSubtaskState.builder().setManagedKeyedState(keyed)
                .setManagedOperatorState(new OperatorStreamStateHandle(Map.of(), file("chk-" + id + "/op", 12))).build());
        Path dir = jobDir.resolve("chk-" + id);
        try (OutputStream out = Files.newOutputStream(dir.resolve("_metadata"))) {
            Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(op), List.of()), out);
        }
        Files.setLastModifiedTime(dir.resolve("_metadata"), FileTime.from(written));
        return "file://" + dir;
    }

    private FileStateHandle file(String rel, int size) throws Exception {
        Path p = jobDir.resolve(rel);
        Files.createDirectories(p.getParent());
        if (!Files.exists(p)) Files.write(p, new byte[size]);
        return new FileStateHandle(new org.apache.flink.core.fs.Path("file://" + p), size);
    }
}
