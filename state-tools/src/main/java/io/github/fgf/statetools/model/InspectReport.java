package io.github.fgf.statetools.model;

import io.github.fgf.job.state.ProgressCodec;
import io.github.fgf.statetools.read.SplitOffset;
import java.util.List;
import java.util.Map;

/** What {@code inspect} reports of one snapshot. */
public record InspectReport(String path, String type, long checkpointId, String completedAt, String formatVersion,
                           List<OperatorSummary> operators, List<SplitOffset> sourceOffsets,
                           List<ProgressCodec.Entry> progress, Map<String, Long> keyCounts) {

    public InspectReport withKeyCounts(Map<String, Long> counts) {
        return new InspectReport(path, type, checkpointId, completedAt, formatVersion, operators, sourceOffsets, progress, counts);
    }
}
