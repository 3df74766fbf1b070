package io.github.fgf.controller.observe;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Partition ends through the Kafka endpoint of one namespace (the local brokers, or Event Hubs' port 9093). */
public final class KafkaEndOffsetsProbe implements EndOffsetsProbe, ConsumerProgress {

    private static final long TIMEOUT_SECONDS = 5;

    private final Properties client;

    public KafkaEndOffsetsProbe(Properties client) {
        this.client = new Properties();
        this.client.putAll(client);
        // a dead region must fail the probe within the round, not after Kafka's default minute
        this.client.put("default.api.timeout.ms", String.valueOf(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
        this.client.put("request.timeout.ms", String.valueOf(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
    }

    @Override
    public Map<PartitionKey, PartitionEnd> partitionEnds(String hub) throws Exception {
        try (Admin admin = Admin.create(client)) {
            var topic = admin.describeTopics(java.util.List.of(hub)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(hub);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> newest = new HashMap<>();
            topic.partitions().forEach(p -> {
                latest.put(new TopicPartition(hub, p.partition()), OffsetSpec.latest());
                newest.put(new TopicPartition(hub, p.partition()), OffsetSpec.maxTimestamp());
            });
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> times = admin.listOffsets(newest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<PartitionKey, PartitionEnd> out = new TreeMap<>();
            ends.forEach((tp, end) -> {
                long ts = times.get(tp).timestamp();
                out.put(PartitionKey.of(tp.topic(), tp.partition()), new PartitionEnd(end.offset(), ts < 0 ? null : Instant.ofEpochMilli(ts)));
            });
            return out;
        }
    }

    @Override
    public Map<PartitionKey, Long> endOffsets(String hub) throws Exception {
        return EndOffsetsProbe.offsets(partitionEnds(hub));
    }

    @Override
    public java.util.Optional<String> clusterId() throws Exception {
        try (Admin admin = Admin.create(client)) {
            return java.util.Optional.ofNullable(admin.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Override
    public Map<PartitionKey, Long> offsetsAt(String hub, Instant at) throws Exception {
        try (Admin admin = Admin.create(client)) {
            var topic = admin.describeTopics(java.util.List.of(hub)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(hub);
            Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
            topic.partitions().forEach(p -> spec.put(new TopicPartition(hub, p.partition()), OffsetSpec.forTimestamp(at.toEpochMilli())));
            Map<PartitionKey, Long> out = new TreeMap<>();
            admin.listOffsets(spec).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, o) -> out.put(PartitionKey.of(tp.topic(), tp.partition()), o.offset()));
            return out;
        }
    }

    /** The consumer group's committed offsets on the hub (what a job commits on each checkpoint). */
    @Override
    public Map<PartitionKey, Long> committedOffsets(String group, String hub) throws Exception {
        try (Admin admin = Admin.create(client)) {
            Map<PartitionKey, Long> out = new TreeMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, o) -> {
                if (tp.topic().equals(hub) && o != null) out.put(PartitionKey.of(tp.topic(), tp.partition()), o.offset());
            });
            return out;
        }
    }
}
