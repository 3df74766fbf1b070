package io.github.fgf.job.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fgf.job.config.JobConfig;
import io.github.fgf.job.config.JobConfigException;
import io.github.fgf.job.config.JobOptions;
import io.github.fgf.job.config.StartPosition;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** {@code source.start-position=offsets:...}: each listed partition exactly there, any other as with {@code savepoint}. */
class StartingOffsetsTest {

    static final String CS = "Endpoint=sb://fgf-ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=k";

    /** The broker's side, as the initializer asks it: earliest offsets of the partitions it has no offset for. */
    static final class Broker implements OffsetsInitializer.PartitionOffsetsRetriever {
        @Override
        public Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> partitions) {
            return Map.of(); // the group never committed
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> m = new HashMap<>();
            partitions.forEach(tp -> m.put(tp, 1000L));
            return m;
        }

        @Override
        public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> m = new HashMap<>();
            partitions.forEach(tp -> m.put(tp, 7L));
            return m;
        }

        @Override
        public Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> t) {
            throw new AssertionError("no timestamps are asked for");
        }
    }

    @Test
    void listedPartitionsStartAtTheirOffsetsAndOthersAtTheEarliest() {
        StartPosition p = JobConfig.fromMap(Map.of("eventhubs.connection-string", CS, "source.start-position", "offsets:0=120,2=5,1=0"))
                .get(JobOptions.START_POSITION);
        assertEquals(StartPosition.Kind.OFFSETS, p.kind());
        assertEquals("offsets:0=120,1=0,2=5", p.toString());
        List<TopicPartition> parts = List.of(new TopicPartition("in", 0), new TopicPartition("in", 1), new TopicPartition("in", 2),
                new TopicPartition("in", 3));
        Map<TopicPartition, Long> start = GeoFailoverPipeline.startingOffsets(p, "in").getPartitionOffsets(parts, new Broker());
        assertEquals(120L, start.get(parts.get(0)));
        assertEquals(0L, start.get(parts.get(1)));
        assertEquals(5L, start.get(parts.get(2)));
        assertEquals(7L, start.get(parts.get(3)), "a partition not listed, never committed, starts at the earliest");
    }

    @Test
    void aMalformedListIsOneLineNamingTheOption() {
        for (String bad : List.of("offsets:", "offsets:0=1,0=2", "offsets:0=-1", "offsets:a=1", "offsets:0")) {
            JobConfigException e = assertThrows(JobConfigException.class,
                    () -> JobConfig.fromMap(Map.of("eventhubs.connection-string", CS, "source.start-position", bad)), bad);
            assertEquals("bad option 'source.start-position': expected earliest, latest, timestamp:<ISO-8601>, savepoint or "
                    + "offsets:<partition>=<offset>,..., got '" + bad + "'", e.getMessage());
        }
    }
}
