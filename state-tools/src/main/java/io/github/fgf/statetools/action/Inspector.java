package io.github.fgf.statetools.action;

import io.github.fgf.job.state.ProgressCodec;
import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.InspectReport;
import io.github.fgf.statetools.model.OperatorSummary;
import io.github.fgf.statetools.read.LoadedSnapshot;
import io.github.fgf.statetools.read.OperatorListStates;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.read.SourceStates;
import io.github.fgf.statetools.read.SplitOffset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorState;

/** Reads one snapshot: operators, source offsets and progress. The controller uses it too. */
public final class Inspector {

    private final SnapshotReader reader;
    private final OperatorNames names;

    public Inspector(SnapshotReader reader, OperatorNames names) {
        this.reader = reader;
        this.names = names;
    }

    public InspectReport inspect(SnapshotUri path) {
        return inspect(reader.load(path));
    }

    /** As {@link #inspect(SnapshotUri)}, for a snapshot already loaded. */
    public InspectReport inspect(LoadedSnapshot s) {
        OperatorListStates states = new OperatorListStates(reader.store(), s.dir());
        List<OperatorSummary> operators = new ArrayList<>();
        List<SplitOffset> offsets = new ArrayList<>();
        List<ProgressCodec.Entry> progress = new ArrayList<>();
        try {
            for (OperatorState op : s.metadata().getOperatorStates()) {
                int withState = (int) op.getSubtaskStates().values().stream().filter(st -> st.getStateSize() > 0).count();
                operators.add(new OperatorSummary(names.name(op), op.getOperatorID().toHexString(), op.getParallelism(),
                        op.getMaxParallelism(), op.getStateSize(), withState));
                if (names.isSource(op)) offsets.addAll(SourceStates.splitOffsets(states, op));
                if (names.isProgress(op)) progress.addAll(SourceStates.progress(states, op));
            }
        } catch (IOException e) {
            throw new StateToolsException(Reason.PROBLEM, "cannot decode operator state of " + s.dir() + ": " + e.getMessage(), e);
        }
        operators.sort(Comparator.comparing(OperatorSummary::uid));
        return new InspectReport(s.dir().toString(), s.type(), s.metadata().getCheckpointId(),
                s.metadataFile().lastModified().toString(), "v" + s.formatVersion(), operators, offsets, progress, Map.of());
    }
}
