package io.github.fgf.localregions.georep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.testing.AckedProducer;
import io.github.fgf.localregions.testing.HubContents;
import io.github.fgf.localregions.testing.KafkaTestClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local Geo-Replication mode with real brokers (no Flink): one namespace host name, data and consumer offsets
 * replicated 2 s behind, planned and forced promotions, and the offset reuse a forced one causes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeoReplicationITCase {

    static final Duration LAG = Duration.ofSeconds(2);
    @TempDir static Path workDir;
    static LocalRegions regions;
    static Environment env;
    static AliasClient namespace;

    @BeforeAll
    static void up() {
        regions = new LocalRegions(workDir);
        env = regions.up(LocalRegionsOptions.defaults(workDir).withFlink(false)
                .withEventHubs(LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION, LAG));
        namespace = new AliasClient(env.alias().controlUrl());
    }

    @AfterAll
    static void down() throws java.io.IOException {
        if (regions != null && regions.environment().processes().stream().anyMatch(ProcessRef::alive)) regions.down();
        // The work dir is temporary: keep the logs for a failure's diagnosis.
        Path logs = Path.of("target/georep-logs");
        java.nio.file.Files.createDirectories(logs);
        try (var files = java.nio.file.Files.list(workDir.resolve("logs"))) {
            for (Path f : files.toList()) java.nio.file.Files.copy(f, logs.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Map<Integer, List<HubContents.Rec>> contents(String region, String hub) {
        Environment.Region r = regions.environment().region(region);
        return HubContents.read(r.kafka().bootstrap(), r.kafka().connectionString(), hub);
    }

    static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            Thread.sleep(250);
        }
    }

    @Test
    @Order(1)
    void recordsAndGroupOffsetsReachTheSecondaryAtIdenticalOffsetsAboutTheLagLater() throws Exception {
        assertTrue(env.alias().geoReplication());
        assertEquals("primary", namespace.replication().primary());
        List<String> sent = IntStream.range(0, 200).mapToObj(i -> "r-" + i).toList();
        KafkaTestClients.produce(env.alias().bootstrap(), env.alias().connectionString(), "replicated", sent);
        long sentAt = System.nanoTime();
        long early = HubContents.count(contents("secondary", "replicated"));
        if (Duration.ofNanos(System.nanoTime() - sentAt).compareTo(LAG) < 0) {
            assertTrue(early < sent.size(), "all " + sent.size() + " records were in the secondary before the lag had passed");
        }
        Map<Integer, List<HubContents.Rec>> primary = contents("primary", "replicated");
        assertEquals(4, primary.values().stream().filter(l -> !l.isEmpty()).count(), "keyed over every partition: " + primary.keySet());
        await("every record replicated", Duration.ofSeconds(30), () -> HubContents.count(contents("secondary", "replicated")) == sent.size());
        // Byte for byte: the same records at the same offsets, with the primary's enqueue times.
        assertEquals(primary, contents("secondary", "replicated"));

        // A consumer group's commits reach the secondary, so a reader keeps its place across a promotion.
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        primary.forEach((p, recs) -> commit.put(new TopicPartition("replicated", p), new OffsetAndMetadata(recs.size() / 2)));
        try (Admin a = admin("primary")) {
            a.alterConsumerGroupOffsets("readers", commit).all().get();
        }
        await("group offsets replicated", Duration.ofSeconds(30), () -> commit.equals(committed("secondary", "readers")));

        var progress = namespace.replication().hubs().get("replicated");
        progress.forEach((p, pp) -> {
            assertEquals(pp.primaryEnd(), pp.replicated(), "partition " + p);
            assertTrue(pp.offsetsIdentical());
        });
        // Geo-DR's role changes do not exist in this mode.
        LocalRegionsException refused = assertThrows(LocalRegionsException.class, namespace::failover);
        assertTrue(refused.getMessage().contains("Geo-Replication mode"), refused.getMessage());
    }

    @Test
    @Order(2)
    void aPlannedPromotionWaitsUntilTheSecondaryHasCaughtUpAndLosesNothing() throws Exception {
        List<AckedProducer.Ack> acked;
        ReplicationState promoted;
        try (AckedProducer producer = new AckedProducer(env.alias().bootstrap(), env.alias().connectionString(), "planned", "p", 100)) {
            Thread.sleep(3000);
            promoted = namespace.promote(true);
            Thread.sleep(3000);
            producer.close();
            acked = producer.acked();
            assertEquals(0, producer.failed(), "a planned promotion refuses sends only until the producer reconnects");
        }
        assertEquals("secondary", promoted.primary());
        assertEquals("primary", promoted.secondary(), "the old primary replicates from the new one");
        assertEquals("planned", promoted.lastPromotion().kind());
        Map<Integer, List<HubContents.Rec>> now = contents("secondary", "planned");
        for (AckedProducer.Ack a : acked) {
            HubContents.Rec r = now.get(a.partition()).get((int) a.offset());
            assertEquals(a.value(), r.value(), "acknowledged at " + a.partition() + "/" + a.offset());
        }
        assertEquals(acked.size(), HubContents.count(now), "every record is one that was acknowledged, once");
        assertTrue(acked.stream().anyMatch(a -> a.at().isAfter(promoted.lastPromotion().at())), "sends went on after the promotion");
        await("the old primary in step with the new", Duration.ofSeconds(30), () -> contents("primary", "planned").equals(now));
    }

    @Test
    @Order(3)
    void aForcedPromotionStrandsTheUnreplicatedTailAndNewRecordsReuseItsOffsets() throws Exception {
        env = regions.reset(LocalRegionsOptions.defaults(workDir).withFlink(false)
                .withEventHubs(LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION, LAG));
        assertEquals("primary", namespace.replication().primary());
        List<AckedProducer.Ack> acked;
        ReplicationState promoted;
        try (AckedProducer producer = new AckedProducer(env.alias().bootstrap(), env.alias().connectionString(), "forced", "f", 100)) {
            Thread.sleep(4000);
            regions.killRegion("primary");
            promoted = namespace.promote(false);
            Thread.sleep(4000);
            producer.close();
            acked = producer.acked();
        }
        assertEquals("secondary", promoted.primary());
        assertNull(promoted.secondary(), "after a forced promotion the old primary is no replica");
        ReplicationState.Promotion p = promoted.lastPromotion();
        assertEquals("forced", p.kind());
        Map<Integer, Long> replicated = p.replicated().get("forced");
        var before = acked.stream().filter(a -> a.at().isBefore(p.at())).toList();
        var stranded = before.stream().filter(a -> a.offset() >= replicated.get(a.partition())).toList();
        assertFalse(stranded.isEmpty(), "2 s behind at 100 records/s: records acknowledged by the old primary never reached the new one");

        Map<Integer, List<HubContents.Rec>> now = contents("secondary", "forced");
        for (AckedProducer.Ack a : before) {
            if (a.offset() < replicated.get(a.partition())) {
                assertEquals(a.value(), now.get(a.partition()).get((int) a.offset()).value(), "replicated at " + a.partition() + "/" + a.offset());
            }
        }
        // The trap: a new record took an offset the old primary had given to a stranded one.
        long reused = stranded.stream().filter(a -> now.get(a.partition()).size() > a.offset()
                && !now.get(a.partition()).get((int) a.offset()).value().equals(a.value())).count();
        assertTrue(reused > 0, "no offset of a stranded record was taken by a new one: " + stranded.size() + " stranded");
        var after = acked.stream().filter(a -> a.at().isAfter(p.at())).toList();
        for (AckedProducer.Ack a : after) {
            HubContents.Rec r = now.get(a.partition()).get((int) a.offset());
            assertEquals(a.value(), r.value());
            assertTrue(r.timestamp() >= p.at().toEpochMilli() - 1000, "a new record has the new primary's enqueue time");
        }

        // The old primary comes back with its tail; made a replica again, it is emptied and copied anew.
        regions.reviveRegion("primary", LocalRegionsOptions.defaults(workDir).withFlink(false));
        Map<Integer, List<HubContents.Rec>> old = contents("primary", "forced");
        for (AckedProducer.Ack a : stranded) {
            assertEquals(a.value(), old.get(a.partition()).get((int) a.offset()).value(), "stranded at " + a.partition() + "/" + a.offset());
        }
        ReplicationState readded = namespace.addReplica("primary");
        assertEquals("primary", readded.secondary());
        await("the re-added replica in step", Duration.ofSeconds(30), () -> contents("primary", "forced").equals(contents("secondary", "forced")));
    }

    @Test
    @Order(4)
    void resetSwitchesOneRunningEnvironmentBetweenGeoDrAndGeoReplication() throws Exception {
        LocalRegionsOptions o = LocalRegionsOptions.defaults(workDir).withFlink(false);
        env = regions.reset(o, true);
        assertFalse(env.alias().geoReplication());
        assertEquals("primary", namespace.status().activeRegion());
        assertTrue(namespace.status().paired(), "a Geo-DR alias, paired");
        assertThrows(LocalRegionsException.class, namespace::replication, "no Geo-Replication endpoints in Geo-DR mode");
        KafkaTestClients.produce(env.alias().bootstrap(), env.alias().connectionString(), "after-switch", List.of("a", "b"));
        Thread.sleep(LAG.toMillis() + 2000);
        assertEquals(0, HubContents.count(contents("secondary", "after-switch")), "Geo-DR copies no records");

        env = regions.reset(o.withEventHubs(LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION, Duration.ZERO), true);
        assertTrue(env.alias().geoReplication());
        assertEquals(0, namespace.replication().lagMillis());
        await("the hub replicated after switching back", Duration.ofSeconds(30),
                () -> HubContents.count(contents("secondary", "after-switch")) == 2);
    }

    static Admin admin(String region) {
        Environment.Region r = regions.environment().region(region);
        return Admin.create(KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString()));
    }

    static Map<TopicPartition, OffsetAndMetadata> committed(String region, String group) {
        try (Admin a = admin(region)) {
            Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>(a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
            m.replaceAll((tp, om) -> new OffsetAndMetadata(om.offset()));
            return m;
        } catch (Exception e) {
            return Map.of();
        }
    }
}
