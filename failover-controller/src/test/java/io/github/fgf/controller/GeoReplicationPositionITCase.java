package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.decide.SourceStart;
import io.github.fgf.controller.local.LocalGeoReplicationClient;
import io.github.fgf.controller.observe.KafkaEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The offset-reuse trap, forced on real brokers, and the controller's way out of it: a Geo-Replication namespace 10 s
 * behind, a restore point that has read records replication had not copied yet, a forced promotion, and new records
 * that take those offsets in the new primary. {@link SourceStart} on the new primary's own end offsets and enqueue
 * times must find every such partition reused and start it at the first new record.
 */
class GeoReplicationPositionITCase {

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void aRestoreOffsetThatNewRecordsReusedIsRepositionedAtTheFirstNewRecord() throws Exception {
        SHARED.fresh(Duration.ofSeconds(1));
        Environment env = SHARED.regions().reset(LocalRegionsOptions.defaults(SHARED.workDir())
                .withEventHubs(LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION, Duration.ofSeconds(10)), true);
        String hub = "position-" + System.currentTimeMillis();
        Environment.Alias host = env.alias();
        Map<Integer, Long> replicatedEnd = send(host, hub, "old", 80);
        Thread.sleep(13_000); // replicated: they are older than the 10 s lag
        Map<Integer, Long> restore = send(host, hub, "tail", 80); // read by the job before the loss, never replicated
        Instant declared = Instant.now();
        new LocalGeoReplicationClient(host.controlUrl()).promote("secondary", io.github.fgf.controller.geodr.GeoReplicationClient.Promotion.FORCED);
        Map<Integer, Long> firstNew = new HashMap<>();
        Map<Integer, Long> newEnd = send(host, hub, "new", 160, firstNew); // through the same host name: now the new primary

        Environment.Region b = env.region("secondary");
        KafkaEndOffsetsProbe probe = new KafkaEndOffsetsProbe(KafkaEndpoint.clientProperties(b.kafka().bootstrap(), b.kafka().connectionString(), false));
        Map<PartitionKey, Long> restoreOffsets = new HashMap<>();
        restore.forEach((p, end) -> restoreOffsets.put(PartitionKey.of(hub, p), end));
        SourceStart start = SourceStart.decide(restoreOffsets, probe.endOffsets(hub), probe.offsetsAt(hub, declared), "fgf-alias", 7);

        assertEquals(4, restore.size(), "keyed over every partition: " + restore);
        assertTrue(start.repositioned());
        assertEquals("fgf-alias-e7", start.label());
        for (int p : restore.keySet()) {
            PartitionKey k = PartitionKey.of(hub, p);
            long first = firstNew.get(p);
            assertEquals(replicatedEnd.get(p), first, "new records start where replication stopped in partition " + p);
            assertTrue(newEnd.get(p) >= restore.get(p) ? start.moved().get(k).reason().startsWith("reused")
                    : start.moved().get(k).reason().startsWith("beyond"), start.moved().get(k).reason());
            assertEquals(first, start.offsets().get(k), "partition " + p + " starts at the first record the job never read");
            assertTrue(valueAt(b, hub, p, first).startsWith("new-"), "the record there is a new one");
        }
    }

    static Map<Integer, Long> send(Environment.Alias host, String hub, String prefix, int count) throws Exception {
        return send(host, hub, prefix, count, new HashMap<>());
    }

    /** Sends keyed records (16 devices) through the host name; returns each partition's end after them, and its first offset. */
    static Map<Integer, Long> send(Environment.Alias host, String hub, String prefix, int count, Map<Integer, Long> first) throws Exception {
        Properties p = KafkaBrokerLauncher.clientProperties(host.bootstrap(), host.connectionString());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        Map<Integer, Long> ends = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                RecordMetadata md = producer.send(new ProducerRecord<>(hub, "dev-" + (i % 16), prefix + "-" + i)).get();
                ends.merge(md.partition(), md.offset() + 1, Math::max);
                first.merge(md.partition(), md.offset(), Math::min);
            }
        }
        return ends;
    }

    static String valueAt(Environment.Region r, String hub, int partition, long offset) {
        Properties p = KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(hub, partition);
            c.assign(java.util.List.of(tp));
            c.seek(tp, offset);
            for (int i = 0; i < 20; i++) {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(500))) return rec.value();
            }
        }
        throw new AssertionError("no record at " + partition + "/" + offset);
    }
}
