package io.github.fgf.statetools.read;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.FullyFinishedOperatorState;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.StateObjectCollection;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsSavepointStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.OperatorStreamStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.runtime.state.filesystem.RelativeFileStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;

/**
 * A copy of a snapshot's {@code _metadata} whose file references point somewhere else. Retained
 * checkpoints record absolute paths and Flink has no way to move them; rebuilding every handle
 * with the new path and writing the result with Flink's own serializer makes a copied checkpoint
 * restorable where it was copied to. Only handle types this can rebuild faithfully are accepted:
 * anything else (unaligned-checkpoint channel state, file-merged segments, changelog) is refused,
 * never passed on pointing at the old place.
 */
public final class Relocation {

    private Relocation() {}

    /**
     * @param newUri maps a referenced file's URI (as {@link StateHandles} reports it) to its copy
     * @param newDir the copy's snapshot directory, where relative handles resolve
     */
    public static CheckpointMetadata relocate(CheckpointMetadata md, UnaryOperator<String> newUri, String newDir) {
        String base = newDir.endsWith("/") ? newDir : newDir + "/";
        List<OperatorState> ops = new ArrayList<>();
        for (OperatorState op : md.getOperatorStates()) {
            if (op.isFullyFinished()) {
                ops.add(new FullyFinishedOperatorState(op.getOperatorID(), op.getParallelism(), op.getMaxParallelism()));
                continue;
            }
            OperatorState copy = new OperatorState(op.getOperatorID(), op.getParallelism(), op.getMaxParallelism());
            if (op.getCoordinatorState() != null) copy.setCoordinatorState(op.getCoordinatorState()); // inline bytes
            op.getSubtaskStates().forEach((index, s) -> copy.putState(index, subtask(s, newUri, base)));
            ops.add(copy);
        }
        return new CheckpointMetadata(md.getCheckpointId(), ops, md.getMasterStates(), md.getCheckpointProperties());
    }

    private static OperatorSubtaskState subtask(OperatorSubtaskState s, UnaryOperator<String> newUri, String base) {
        if (!s.getInputChannelState().isEmpty() || !s.getResultSubpartitionState().isEmpty()) {
            throw new IllegalArgumentException("holds in-flight channel state (an unaligned checkpoint): not relocatable");
        }
        return OperatorSubtaskState.builder()
                .setManagedOperatorState(operatorStates(s.getManagedOperatorState(), newUri, base))
                .setRawOperatorState(operatorStates(s.getRawOperatorState(), newUri, base))
                .setManagedKeyedState(keyedStates(s.getManagedKeyedState(), newUri, base))
                .setRawKeyedState(keyedStates(s.getRawKeyedState(), newUri, base))
                .setInputRescalingDescriptor(s.getInputRescalingDescriptor())
                .setOutputRescalingDescriptor(s.getOutputRescalingDescriptor())
                .build();
    }

    private static StateObjectCollection<OperatorStateHandle> operatorStates(StateObjectCollection<OperatorStateHandle> in,
                                                                             UnaryOperator<String> newUri, String base) {
        List<OperatorStateHandle> out = new ArrayList<>();
        for (OperatorStateHandle h : in) {
            if (!(h instanceof OperatorStreamStateHandle)) throw unsupported(h);
            out.add(new OperatorStreamStateHandle(h.getStateNameToPartitionOffsets(), stream(h.getDelegateStateHandle(), newUri, base)));
        }
        return new StateObjectCollection<>(out);
    }

    private static StateObjectCollection<KeyedStateHandle> keyedStates(StateObjectCollection<KeyedStateHandle> in,
                                                                       UnaryOperator<String> newUri, String base) {
        List<KeyedStateHandle> out = new ArrayList<>();
        for (KeyedStateHandle h : in) {
            if (h instanceof IncrementalRemoteKeyedStateHandle inc) {
                out.add(IncrementalRemoteKeyedStateHandle.restore(inc.getBackendIdentifier(), inc.getKeyGroupRange(),
                        inc.getCheckpointId(), paths(inc.getSharedState(), newUri, base), paths(inc.getPrivateState(), newUri, base),
                        stream(inc.getMetaDataStateHandle(), newUri, base), inc.getCheckpointedSize(), inc.getStateHandleId()));
            } else if (h instanceof KeyGroupsSavepointStateHandle kg) {
                out.add(new KeyGroupsSavepointStateHandle(kg.getGroupRangeOffsets(), stream(kg.getDelegateStateHandle(), newUri, base)));
            } else if (h instanceof KeyGroupsStateHandle kg && kg.getClass() == KeyGroupsStateHandle.class) {
                out.add(KeyGroupsStateHandle.restore(kg.getGroupRangeOffsets(), stream(kg.getDelegateStateHandle(), newUri, base),
                        kg.getStateHandleId()));
            } else {
                throw unsupported(h);
            }
        }
        return new StateObjectCollection<>(out);
    }

    private static List<HandleAndLocalPath> paths(List<HandleAndLocalPath> in, UnaryOperator<String> newUri, String base) {
        List<HandleAndLocalPath> out = new ArrayList<>();
        for (HandleAndLocalPath p : in) out.add(HandleAndLocalPath.of(stream(p.getHandle(), newUri, base), p.getLocalPath()));
        return out;
    }

    private static StreamStateHandle stream(StreamStateHandle h, UnaryOperator<String> newUri, String base) {
        if (h == null || h instanceof ByteStreamStateHandle) return h; // inline: the bytes travel inside _metadata
        if (h instanceof RelativeFileStateHandle r && r.getClass() == RelativeFileStateHandle.class) {
            return new RelativeFileStateHandle(new Path(base + r.getRelativePath()), r.getRelativePath(), r.getStateSize());
        }
        if (h instanceof FileStateHandle f && f.getClass() == FileStateHandle.class) {
            return new FileStateHandle(new Path(newUri.apply(f.getFilePath().toString())), f.getStateSize());
        }
        throw unsupported(h);
    }

    private static IllegalArgumentException unsupported(Object h) {
        return new IllegalArgumentException("holds a " + h.getClass().getSimpleName() + ", which cannot be relocated");
    }
}
