package io.github.fgf.statetools.read;

import io.github.fgf.job.state.StateLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.runtime.OperatorIDGenerator;

/**
 * Names operators by the uid the state layout declares (an operator ID is a hash of its uid).
 * The source uid carries a namespace, so candidate namespaces come from the caller.
 */
public final class OperatorNames {

    private final Map<OperatorID, String> uids = new HashMap<>();

    public OperatorNames(List<String> namespaces) {
        StateLayout.fixedUids().forEach(u -> uids.put(OperatorIDGenerator.fromUid(u), u));
        namespaces.forEach(ns -> uids.put(OperatorIDGenerator.fromUid(StateLayout.sourceUid(ns)), StateLayout.sourceUid(ns)));
    }

    /** The uid, or for an unknown operator {@code source-?} (it holds reader state) or its hash. */
    public String name(OperatorState op) {
        String uid = uids.get(op.getOperatorID());
        if (uid != null) return uid;
        if (OperatorListStates.has(op, StateLayout.SOURCE_READER_STATE)) return StateLayout.SOURCE_UID_PREFIX + "? (" + op.getOperatorID() + ")";
        return op.getOperatorID().toHexString();
    }

    public boolean known(OperatorState op) {
        return uids.containsKey(op.getOperatorID());
    }

    public boolean isSource(OperatorState op) {
        return OperatorListStates.has(op, StateLayout.SOURCE_READER_STATE);
    }

    public boolean isProgress(OperatorState op) {
        return op.getOperatorID().equals(OperatorIDGenerator.fromUid(StateLayout.SOURCE_PROGRESS_UID));
    }
}
