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
import org.apache.flink.runtime.state.filesystem.FileStateHandle;

/** Walks {@code _metadata} down to the files it references; inline (byte) handles reference none. */
public final class StateHandles {

    private StateHandles() {}

    public static List<ReferencedFile> files(CheckpointMetadata metadata, java.util.function.Function<OperatorState, String> name) {
        List<ReferencedFile> out = new ArrayList<>();
        for (OperatorState op : metadata.getOperatorStates()) {
            String operator = name.apply(op);
            if (op.getCoordinatorState() != null) add(op.getCoordinatorState(), operator, out);
            for (OperatorSubtaskState s : op.getSubtaskStates().values()) {
                s.getManagedOperatorState().forEach(h -> add(h, operator, out));
                s.getRawOperatorState().forEach(h -> add(h, operator, out));
                s.getManagedKeyedState().forEach(h -> add(h, operator, out));
                s.getRawKeyedState().forEach(h -> add(h, operator, out));
                s.getInputChannelState().forEach(h -> add(h, operator, out));
                s.getResultSubpartitionState().forEach(h -> add(h, operator, out));
            }
        }
        return out;
    }

    private static void add(StateObject h, String operator, List<ReferencedFile> out) {
        if (h instanceof IncrementalRemoteKeyedStateHandle inc) {
            add(inc.getMetaDataStateHandle(), operator, out);
            for (HandleAndLocalPath p : inc.getSharedState()) add(p.getHandle(), operator, out);
            for (HandleAndLocalPath p : inc.getPrivateState()) add(p.getHandle(), operator, out);
        } else if (h instanceof KeyGroupsStateHandle kg) {
            add(kg.getDelegateStateHandle(), operator, out);
        } else if (h instanceof OperatorStateHandle os) {
            add(os.getDelegateStateHandle(), operator, out);
        } else if (h instanceof AbstractChannelStateHandle<?> ch) {
            add(ch.getDelegate(), operator, out);
        } else if (h instanceof FileStateHandle f) {
            out.add(new ReferencedFile(f.getFilePath().toString(), f.getStateSize(), operator));
        } else if (h instanceof StreamStateHandle) {
            // ByteStreamStateHandle and friends: the bytes are inside _metadata.
        }
    }
}
