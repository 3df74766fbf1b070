package io.github.fgf.statetools.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.fgf.job.state.ProgressCodec;
import io.github.fgf.statetools.model.DiffReport;
import io.github.fgf.statetools.model.InspectReport;
import io.github.fgf.statetools.model.OperatorSummary;
import io.github.fgf.statetools.read.SplitOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {

    static InspectReport report(List<OperatorSummary> ops, List<SplitOffset> offsets, List<ProgressCodec.Entry> progress) {
        return new InspectReport("p", "checkpoint", 1, "t", "v3", ops, offsets, progress, Map.of());
    }

    @Test
    void reportsPerPartitionProgressOperatorsAndStateSize() {
        InspectReport a = report(List.of(new OperatorSummary("dedup", "1", 1, 128, 1000, 1), new OperatorSummary("old", "2", 1, 128, 50, 1)),
                List.of(new SplitOffset("in", 0, 100), new SplitOffset("in", 1, 40)),
                List.of(new ProgressCodec.Entry("in", 0, 10_000, 99)));
        InspectReport b = report(List.of(new OperatorSummary("dedup", "1", 1, 128, 1500, 1), new OperatorSummary("new", "3", 1, 128, 5, 1)),
                List.of(new SplitOffset("in", 0, 160), new SplitOffset("in", 2, 7)),
                List.of(new ProgressCodec.Entry("in", 0, 12_500, 159)));
        DiffReport d = Differ.diff(a, b);
        assertEquals(List.of("new"), d.operatorsAdded());
        assertEquals(List.of("old"), d.operatorsRemoved());
        assertEquals(1050, d.stateSizeA());
        assertEquals(1505, d.stateSizeB());
        DiffReport.PartitionChange p0 = d.partitions().get(0);
        assertEquals(60L, p0.offsetDelta());
        assertEquals(2_500L, p0.progressDeltaMillis());
        DiffReport.PartitionChange p1 = d.partitions().get(1);
        assertEquals(40L, p1.offsetA());
        assertNull(p1.offsetB());
        assertNull(p1.offsetDelta());
        assertEquals(7L, d.partitions().get(2).offsetB());
    }
}
