package io.github.fgf.statetools.read;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.AbstractChannelStateHandle;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StateObject;
import org.apache.flink.runtime.state.StreamStateHandle;
import io.github.fgf.statetools.location.SnapshotUri;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.runtime.state.filesystem.RelativeFileStateHandle;

/** Walks {@code _metadata} down to the files it references; inline (byte) handles reference none. */
public final class StateHandles {

    private StateHandles() {}

    /** Files referenced by the snapshot in {@code dir}; relative handles (savepoints) resolve under it. */
    public static List<ReferencedFile> files(SnapshotUri dir, CheckpointMetadata metadata,
                                             java.util.function.Function<OperatorState, String> name) {
        List<ReferencedFile> out = new ArrayList<>();
        String base = dir.withoutQuery().endsWith("/") ? dir.withoutQuery() : dir.withoutQuery() + "/";
        for (OperatorState op : metadata.getOperatorStates()) {
            String operator = name.apply(op);
            if (op.getCoordinatorState() != null) add(op.getCoordinatorState(), operator, base, out);
            for (OperatorSubtaskState s : op.getSubtaskStates().values()) {
                s.getManagedOperatorState().forEach(h -> add(h, operator, base, out));
                s.getRawOperatorState().forEach(h -> add(h, operator, base, out));
                s.getManagedKeyedState().forEach(h -> add(h, operator, base, out));
                s.getRawKeyedState().forEach(h -> add(h, operator, base, out));
                s.getInputChannelState().forEach(h -> add(h, operator, base, out));
                s.getResultSubpartitionState().forEach(h -> add(h, operator, base, out));
            }
        }
        return out;
    }

    private static void add(StateObject h, String operator, String base, List<ReferencedFile> out) {
        if (h instanceof IncrementalRemoteKeyedStateHandle inc) {
            add(inc.getMetaDataStateHandle(), operator, base, out);
            for (HandleAndLocalPath p : inc.getSharedState()) add(p.getHandle(), operator, base, out);
            for (HandleAndLocalPath p : inc.getPrivateState()) add(p.getHandle(), operator, base, out);
        } else if (h instanceof KeyGroupsStateHandle kg) {
            add(kg.getDelegateStateHandle(), operator, base, out);
        } else if (h instanceof OperatorStateHandle os) {
            add(os.getDelegateStateHandle(), operator, base, out);
        } else if (h instanceof AbstractChannelStateHandle<?> ch) {
            add(ch.getDelegate(), operator, base, out);
        } else if (h instanceof RelativeFileStateHandle r) {
            out.add(new ReferencedFile(base + r.getRelativePath(), r.getStateSize(), operator));
        } else if (h instanceof FileStateHandle f) {
            out.add(new ReferencedFile(f.getFilePath().toString(), f.getStateSize(), operator));
        } else if (h instanceof StreamStateHandle) {
            // ByteStreamStateHandle and friends: the bytes are inside _metadata.
        }
    }
}
