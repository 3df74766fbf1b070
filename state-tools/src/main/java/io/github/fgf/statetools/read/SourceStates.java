package io.github.fgf.statetools.read;

import io.github.fgf.job.state.ProgressCodec;
import io.github.fgf.job.state.StateLayout;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.types.StringValue;

/** Decodes the job's source state: Kafka split offsets and per-partition progress. */
public final class SourceStates {

    private SourceStates() {}

    /** SourceReaderState elements are byte arrays, each a versioned KafkaPartitionSplit. */
    public static List<SplitOffset> splitOffsets(OperatorListStates states, OperatorState source) throws IOException {
        KafkaPartitionSplitSerializer serializer = new KafkaPartitionSplitSerializer();
        return states.read(source, StateLayout.SOURCE_READER_STATE, in -> {
            byte[] element = new byte[in.readInt()];
            in.readFully(element);
            KafkaPartitionSplit split = SimpleVersionedSerialization.readVersionAndDeSerialize(serializer, element);
            return new SplitOffset(split.getTopic(), split.getPartition(), split.getStartingOffset());
        }).stream().sorted(Comparator.comparing(SplitOffset::topic).thenComparing(SplitOffset::partition)).toList();
    }

    public static List<ProgressCodec.Entry> progress(OperatorListStates states, OperatorState progress) throws IOException {
        return states.read(progress, StateLayout.PROGRESS_STATE, in -> ProgressCodec.decode(StringValue.readString(in)))
                .stream().sorted(Comparator.comparing(ProgressCodec.Entry::topic).thenComparing(ProgressCodec.Entry::partition))
                .toList();
    }
}
