package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.observe.KafkaEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.job.state.ControlRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@link FailbackHubs} over the Kafka endpoints of the returning region (A) and the new primary (B). */
public final class KafkaFailbackHubs implements FailbackHubs {

    private final Topology topology;

    public KafkaFailbackHubs(Topology topology) {
        this.topology = topology;
    }

    @Override
    public Drained drain(String hub, Map<PartitionKey, Long> start, long epoch) throws Exception {
        StrandedEventsDrainer drainer = new StrandedEventsDrainer(KafkaEndpoint.clientProperties(topology.primary(), "the failback drain"),
                KafkaEndpoint.clientProperties(topology.secondary(), "the failback drain"));
        Map<PartitionKey, Long> copied = drainer.drain(hub, start, epoch);
        return new Drained(copied, drainer.lostToRetention());
    }

    @Override
    public Map<PartitionKey, Long> endOffsets(String hub) throws Exception {
        return newPrimary().endOffsets(hub);
    }

    @Override
    public Map<PartitionKey, Long> committedOffsets(String group, String hub) throws Exception {
        return newPrimary().committedOffsets(group, hub);
    }

    @Override
    public Map<PartitionKey, Long> writeRelease(String hub, long epoch) throws Exception {
        Properties p = KafkaEndpoint.clientProperties(topology.secondary(), "the failback release");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        Map<PartitionKey, Long> after = new java.util.TreeMap<>();
        byte[] value = ("{\"control\":\"" + ControlRecords.STRANDED_DRAINED + "\",\"epoch\":" + epoch + "}")
                .getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (var partition : producer.partitionsFor(hub)) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(hub, partition.partition(), null, null, value);
                r.headers().add(ControlRecords.CONTROL_HEADER, ControlRecords.STRANDED_DRAINED.getBytes(StandardCharsets.UTF_8));
                r.headers().add(ControlRecords.EPOCH_HEADER, String.valueOf(epoch).getBytes(StandardCharsets.UTF_8));
                var meta = producer.send(r).get();
                after.put(PartitionKey.of(hub, meta.partition()), meta.offset() + 1);
            }
        }
        return after;
    }

    @Override
    public long countStranded(String lateHub, Map<PartitionKey, Long> from, long epoch) throws Exception {
        Properties p = KafkaEndpoint.clientProperties(topology.secondary(), "the failback report");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("allow.auto.create.topics", "false");
        p.put("isolation.level", "read_committed"); // aborted transactions of exactly-once sinks hold no late record
        byte[] mark = String.valueOf(epoch).getBytes(StandardCharsets.UTF_8);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(lateHub, Duration.ofSeconds(10)).forEach(i -> parts.add(new TopicPartition(lateHub, i.partition())));
            if (parts.isEmpty()) return 0;
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            for (TopicPartition tp : parts) c.seek(tp, from.getOrDefault(PartitionKey.of(tp.topic(), tp.partition()), 0L));
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    Header h = r.headers().lastHeader(ControlRecords.STRANDED_HEADER);
                    if (h != null && java.util.Arrays.equals(h.value(), mark)) count++;
                }
            }
        }
        return count;
    }

    private KafkaEndOffsetsProbe newPrimary() {
        return new KafkaEndOffsetsProbe(KafkaEndpoint.clientProperties(topology.secondary(), "the failback"));
    }
}
