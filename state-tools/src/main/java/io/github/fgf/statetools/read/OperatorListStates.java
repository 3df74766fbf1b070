package io.github.fgf.statetools.read;

import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.store.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.runtime.state.filesystem.RelativeFileStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;

/**
 * Reads the elements of a named operator list state straight from the snapshot: each element
 * starts at an offset the handle records, written by the state's serializer.
 */
public final class OperatorListStates {

    /** Deserializes one element from a stream positioned at its offset. */
    public interface ElementReader<T> {
        T read(DataInputViewStreamWrapper in) throws IOException;
    }

    private final SnapshotStore store;
    private final SnapshotUri base;

    public OperatorListStates(SnapshotStore store, SnapshotUri base) {
        this.store = store;
        this.base = base;
    }

    /** Whether any subtask of the operator holds list state under this name. */
    public static boolean has(OperatorState op, String stateName) {
        return op.getSubtaskStates().values().stream().flatMap(s -> s.getManagedOperatorState().stream())
                .anyMatch(h -> h.getStateNameToPartitionOffsets().containsKey(stateName));
    }

    public <T> List<T> read(OperatorState op, String stateName, ElementReader<T> reader) throws IOException {
        List<T> out = new ArrayList<>();
        for (OperatorSubtaskState s : op.getSubtaskStates().values()) {
            for (OperatorStateHandle h : s.getManagedOperatorState()) {
                OperatorStateHandle.StateMetaInfo info = h.getStateNameToPartitionOffsets().get(stateName);
                if (info == null || info.getOffsets().length == 0) continue;
                byte[] bytes = bytes(h.getDelegateStateHandle());
                for (long offset : info.getOffsets()) {
                    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
                    in.skip(offset);
                    out.add(reader.read(new DataInputViewStreamWrapper(in)));
                }
            }
        }
        return out;
    }

    private byte[] bytes(StreamStateHandle h) throws IOException {
        if (h instanceof ByteStreamStateHandle b) return b.getData();
        if (h instanceof RelativeFileStateHandle r) {
            try (InputStream in = store.open(base.child(r.getRelativePath()))) {
                return in.readAllBytes();
            }
        }
        if (h instanceof FileStateHandle f) {
            try (InputStream in = store.open(base.sibling(f.getFilePath().toString()))) {
                return in.readAllBytes();
            }
        }
        throw new IOException("unsupported state handle " + h.getClass().getSimpleName());
    }
}
