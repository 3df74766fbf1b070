package io.github.fgf.statetools.model;

import java.util.List;

/** What changed from snapshot a to snapshot b. */
public record DiffReport(String a, String b, List<PartitionChange> partitions, List<String> operatorsAdded,
                         List<String> operatorsRemoved, long stateSizeA, long stateSizeB) {

    /** One topic-partition: offsets and progress timestamps in a and b (null where absent). */
    public record PartitionChange(String topic, int partition, Long offsetA, Long offsetB, Long offsetDelta,
                                  Long progressA, Long progressB, Long progressDeltaMillis) {}
}
