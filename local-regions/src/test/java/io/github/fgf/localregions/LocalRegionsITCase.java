package io.github.fgf.localregions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.core.util.BinaryData;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.alias.PairingStatus;
import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.azurite.BlobContainers;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.flinkclient.ClusterOverview;
import io.github.fgf.flinkclient.RestFlinkClient;
import io.github.fgf.localregions.grs.GrsReplicator;
import io.github.fgf.localregions.grs.LastSyncTime;
import io.github.fgf.localregions.kafka.ConnectionStrings;
import io.github.fgf.localregions.process.Ports;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.testing.CheckpointingProbeJob;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.testing.TestJars;
import io.github.fgf.localregions.testing.KafkaTestClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local environment with real servers, started once (starting it is the expensive part)
 * with a GRS lag of 2 s. Tests run in order: the later ones fail a region over and kill it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRegionsITCase {

    private static final Duration GRS_LAG = Duration.ofSeconds(2);
    @TempDir static Path workDir;
    static LocalRegions regions;
    static Environment env;

    @BeforeAll
    static void up() {
        regions = new LocalRegions(workDir);
        env = regions.up(LocalRegionsOptions.defaults(workDir).withGrsLag(GRS_LAG));
    }

    @AfterAll
    static void down() {
        if (regions != null && regions.environment().processes().stream().anyMatch(ProcessRef::alive)) {
            regions.down();
        }
    }

    @Test
    @Order(1)
    void clientsThroughTheAliasExchangeRecordsWithEventHubsAuth() throws Exception {
        List<String> sent = IntStream.range(0, 25).mapToObj(i -> "alias-" + i).toList();
        KafkaTestClients.produce(env.alias().bootstrap(), env.alias().connectionString(), "through-alias", sent);
        List<String> received = KafkaTestClients.consume(env.alias().bootstrap(), env.alias().connectionString(),
                "through-alias", sent.size(), Duration.ofSeconds(30));
        assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(received));
        assertEquals(sent.size(), received.size());
        // The alias pointed at the primary: the records are on the primary broker, not the secondary.
        Environment.Region primary = env.region("primary");
        assertEquals(25, KafkaTestClients.recordCount(primary.kafka().bootstrap(), primary.kafka().connectionString(),
                "through-alias"));

        // Geo-DR replicates metadata while paired: the hub exists in the secondary, empty.
        Environment.Region secondary = env.region("secondary");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                io.github.fgf.localregions.kafka.KafkaBrokerLauncher.clientProperties(secondary.kafka().bootstrap(),
                        secondary.kafka().connectionString()))) {
            long deadline = System.currentTimeMillis() + 15_000;
            while (!admin.listTopics().names().get().contains("through-alias") && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(4, admin.describeTopics(List.of("through-alias")).allTopicNames().get().get("through-alias")
                    .partitions().size());
        }
        assertEquals(0, KafkaTestClients.recordCount(secondary.kafka().bootstrap(), secondary.kafka().connectionString(),
                "through-alias"));

        String wrongKey = ConnectionStrings.of(env.alias().host(), ConnectionStrings.newKey());
        ExecutionException e = assertThrows(ExecutionException.class, () ->
                KafkaTestClients.produce(env.alias().bootstrap(), wrongKey, "through-alias", List.of("x")));
        assertInstanceOf(SaslAuthenticationException.class, e.getCause());
    }

    @Test
    @Order(2)
    void grsCopiesOnlyAfterTheLagAndLastSyncTimeNeverCoversAnUncopiedWrite() throws Exception {
        Environment.Storage storage = env.region("primary").storage();
        BlobContainers blobs = BlobContainers.azurite();
        BlobContainerClient source = blobs.container(storage.container());
        BlobContainerClient secondary = blobs.container(storage.secondaryContainer());
        Path lstFile = Path.of(storage.lastSyncTimeFile());

        Instant before = Instant.now();
        source.getBlobClient("savepoints/sp-1/_metadata").upload(BinaryData.fromString("metadata"), true);
        // WASB marks directories with blob metadata; a copy without it would read back as an empty file.
        source.getBlobClient("savepoints/sp-1").upload(BinaryData.fromString(""), true);
        source.getBlobClient("savepoints/sp-1").setMetadata(java.util.Map.of("hdi_isfolder", "true"));
        Instant written = Instant.now();

        boolean present = false;
        List<String> violations = new ArrayList<>();
        while (!present && Instant.now().isBefore(written.plusSeconds(15))) {
            Instant lst = LastSyncTime.read(lstFile).orElseThrow().instant();
            Instant now = Instant.now();
            present = secondary.getBlobClient("savepoints/sp-1/_metadata").exists();
            if (present && now.isBefore(before.plus(GRS_LAG))) {
                violations.add("copied at " + now + ", before the lag had passed since " + before);
            }
            if (!present && !lst.isBefore(written)) {
                violations.add("Last Sync Time " + lst + " covers a write at " + written + " that is not copied");
            }
            Thread.sleep(100);
        }
        assertTrue(present, "blob never reached the secondary");
        assertEquals(List.of(), violations);
        assertEquals("metadata", secondary.getBlobClient("savepoints/sp-1/_metadata").downloadContent().toString());

        long deadline = System.currentTimeMillis() + 15_000;
        while (LastSyncTime.read(lstFile).orElseThrow().instant().isBefore(written)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(LastSyncTime.read(lstFile).orElseThrow().instant().isBefore(written),
                "Last Sync Time never passed a copied write");
        // Metadata travels with the copy, plus the source's Last-Modified (a geo-secondary keeps it).
        assertEquals(java.util.Map.of("hdi_isfolder", "true", GrsReplicator.SOURCE_LAST_MODIFIED,
                        source.getBlobClient("savepoints/sp-1").getProperties().getLastModified().toInstant().toString()),
                secondary.getBlobClient("savepoints/sp-1").getProperties().getMetadata());

        source.getBlobClient("savepoints/sp-1/_metadata").delete();
        deadline = System.currentTimeMillis() + 15_000;
        while (secondary.getBlobClient("savepoints/sp-1/_metadata").exists() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(secondary.getBlobClient("savepoints/sp-1/_metadata").exists(), "deletion did not propagate");
    }

    @Test
    @Order(3)
    void bothFlinkClustersServeAndRunACheckpointingJobOnWasb(@TempDir Path jarDir) throws Exception {
        for (Environment.Region r : env.regions().values()) {
            ClusterOverview o = new RestFlinkClient(r.flink().restUrl()).overview();
            assertTrue(o.taskManagers() >= 1, r.name() + " has no TaskManager");
            assertTrue(o.slotsAvailable() >= 1, r.name() + " has no free slot");
        }
        Environment.Region primary = env.region("primary");
        FlinkJobs flink = new FlinkJobs(primary.flink().restUrl());
        String jarId = flink.upload(TestJars.jarOf(CheckpointingProbeJob.class, jarDir));
        String jobId = flink.run(jarId, CheckpointingProbeJob.class.getName(), List.of(primary.storage().checkpointsUri()),
                null, false, 1);
        try {
            long completed = 0;
            long deadline = System.currentTimeMillis() + 90_000;
            while (completed < 2 && System.currentTimeMillis() < deadline) {
                completed = flink.completedCheckpoints(jobId);
                Thread.sleep(250);
            }
            assertTrue(completed >= 2, "job " + jobId + " completed " + completed + " checkpoints");
            String prefix = "checkpoints/" + jobId + "/";
            boolean metadata = BlobContainers.azurite().container(primary.storage().container()).listBlobs().stream()
                    .anyMatch(b -> b.getName().startsWith(prefix + "chk-") && b.getName().endsWith("/_metadata"));
            assertTrue(metadata, "no chk-*/_metadata under " + primary.storage().checkpointsUri() + "/" + jobId);
        } finally {
            flink.cancel(jobId);
        }
    }

    @Test
    @Order(4)
    void afterAliasFailoverNewClientsReachTheSecondaryAndThePrimaryKeepsItsRecords() throws Exception {
        AliasClient alias = new AliasClient(env.alias().controlUrl());
        PairingStatus after = alias.failover();
        assertEquals("secondary", after.activeRegion());
        assertEquals(PairingStatus.PRIMARY_NOT_REPLICATING, after.role());
        assertFalse(after.paired());

        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "after-failover-" + i).toList();
        KafkaTestClients.produce(env.alias().bootstrap(), env.alias().connectionString(), "after-failover", sent);
        assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(KafkaTestClients.consume(
                env.alias().bootstrap(), env.alias().connectionString(), "after-failover", 10, Duration.ofSeconds(30))));

        Environment.Region primary = env.region("primary");
        Environment.Region secondary = env.region("secondary");
        assertEquals(10, KafkaTestClients.recordCount(secondary.kafka().bootstrap(),
                secondary.kafka().connectionString(), "after-failover"));
        assertEquals(25, KafkaTestClients.recordCount(primary.kafka().bootstrap(), primary.kafka().connectionString(),
                "through-alias"));
        assertEquals(0, KafkaTestClients.recordCount(primary.kafka().bootstrap(), primary.kafka().connectionString(),
                "after-failover"));
        // A second failover has nothing to fail over to: the pairing is broken.
        assertThrows(LocalRegionsException.class, alias::failover);
    }

    @Test
    @Order(5)
    void killRegionIsAPowerCutAndReviveBringsTheBrokerBackWithItsRecords() throws Exception {
        Environment.Region primary = env.region("primary");
        Environment.Region secondary = env.region("secondary");
        List<String> held = IntStream.range(0, 40).mapToObj(i -> "held-" + i).toList();
        KafkaTestClients.produce(primary.kafka().bootstrap(), primary.kafka().connectionString(), "held", held);

        long start = System.nanoTime();
        regions.killRegion("primary");
        for (ProcessRef p : primary.processes()) {
            assertFalse(p.alive(), p.name() + " survived");
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "kill took 5 s or more");
        assertFalse(BlobContainers.azurite().exists(primary.storage().container()));
        assertFalse(Ports.listening(primary.kafka().port()));

        // The secondary keeps serving: its broker, its Flink cluster, its storage.
        KafkaTestClients.produce(secondary.kafka().bootstrap(), secondary.kafka().connectionString(), "still-up",
                List.of("a", "b", "c"));
        assertEquals(3, KafkaTestClients.recordCount(secondary.kafka().bootstrap(),
                secondary.kafka().connectionString(), "still-up"));
        assertTrue(new RestFlinkClient(secondary.flink().restUrl()).overview().taskManagers() >= 1);
        assertTrue(BlobContainers.azurite().exists(secondary.storage().container()));

        env = regions.reviveRegion("primary", LocalRegionsOptions.defaults(workDir));
        Environment.Region revived = env.region("primary");
        assertTrue(revived.processes().stream().allMatch(ProcessRef::alive));
        List<String> back = KafkaTestClients.consume(revived.kafka().bootstrap(), revived.kafka().connectionString(),
                "held", held.size(), Duration.ofSeconds(30));
        assertEquals(new java.util.HashSet<>(held), new java.util.HashSet<>(back));
        assertEquals(held.size(), KafkaTestClients.recordCount(revived.kafka().bootstrap(),
                revived.kafka().connectionString(), "held"));
    }

    @Test
    @Order(6)
    void resetBringsAUsedEnvironmentBackToWhereUpLeftIt(@TempDir Path jarDir) throws Exception {
        // Used as a drill leaves it: the alias failed over (order 4) with sends disabled on a hub, a job running in the
        // secondary with its submission recorded, blobs in every container, and the secondary killed.
        AliasClient alias = new AliasClient(env.alias().controlUrl());
        alias.sends("primary", "held", false);
        Environment.Region secondary = regions.environment().region("secondary");
        String job = regions.submitJob("secondary", TestJars.jarOf(CheckpointingProbeJob.class, jarDir),
                CheckpointingProbeJob.class.getName(), List.of(secondary.storage().checkpointsUri()), 1);
        FlinkJobs flinkB = new FlinkJobs(secondary.flink().restUrl());
        long deadline = System.currentTimeMillis() + 90_000;
        while (flinkB.completedCheckpoints(job) < 1 && System.currentTimeMillis() < deadline) Thread.sleep(250);
        assertTrue(flinkB.completedCheckpoints(job) >= 1, "the job checkpointed to the secondary's container");
        Environment.Region primary = regions.environment().region("primary");
        BlobContainers.azurite().container(primary.storage().secondaryContainer()).getBlobClient("left/over")
                .upload(BinaryData.fromString("x"), true);
        regions.killRegion("secondary");

        Duration lag = Duration.ofMillis(700);
        env = regions.reset(LocalRegionsOptions.defaults(workDir).withGrsLag(lag));

        for (Environment.Region r : env.regions().values()) {
            assertEquals(Environment.UP, r.state(), r.name());
            assertTrue(r.processes().stream().allMatch(ProcessRef::alive), r.name() + ": " + r.processes());
            for (String c : List.of(r.storage().container(), r.storage().secondaryContainer())) {
                assertTrue(BlobContainers.azurite().exists(c), c);
                assertEquals(List.of(), BlobContainers.azurite().container(c).listBlobs().stream().map(b -> b.getName()).toList(), c);
            }
            assertFalse(BlobContainers.azurite().exists(r.storage().container() + "-offline"));
            assertEquals(List.of(), new io.github.fgf.localregions.env.RegionJobs(workDir, r.name()).read(), r.name());
            assertEquals(List.of(), new FlinkJobs(r.flink().restUrl()).jobs().stream().filter(j -> !j.terminal()).toList());
            assertTrue(LastSyncTime.read(Path.of(r.storage().lastSyncTimeFile())).isPresent(), r.name());
        }
        PairingStatus pairing = alias.status();
        assertEquals("primary", pairing.activeRegion(), pairing.toString());
        assertEquals("secondary", pairing.partnerRegion(), pairing.toString());
        assertEquals(PairingStatus.PRIMARY, pairing.role());
        assertEquals(java.util.Map.of(), alias.disabledSends());
        assertEquals(lag.toMillis(), regions.environment().grsLagMillis());

        // The GRS emulator runs again (with the new lag, recorded above): a new blob is copied.
        BlobContainerClient source = BlobContainers.azurite().container(env.region("primary").storage().container());
        BlobContainerClient copy = BlobContainers.azurite().container(env.region("primary").storage().secondaryContainer());
        source.getBlobClient("after-reset").upload(BinaryData.fromString("y"), true);
        deadline = System.currentTimeMillis() + 20_000;
        while (!copy.getBlobClient("after-reset").exists() && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertTrue(copy.getBlobClient("after-reset").exists(), "not replicated after the reset");
        // And the records in the hubs stay, through the alias, now pointing at the primary again.
        assertEquals(40, KafkaTestClients.recordCount(env.alias().bootstrap(), env.alias().connectionString(), "held"));
    }

    @Test
    @Order(7)
    void downLeavesNoProcessAndNoPortOpen() {
        Environment current = regions.environment();
        List<Integer> ports = new ArrayList<>(List.of(current.alias().port(), current.alias().controlPort()));
        current.regions().values().forEach(r -> {
            ports.add(r.kafka().port());
            ports.add(r.kafka().controllerPort());
            ports.add(r.flink().restPort());
            ports.add(r.flink().rpcPort());
        });
        if (current.azurite().owned()) ports.add(AzuriteServer.PORT);

        regions.down();

        for (ProcessRef p : current.processes()) {
            assertFalse(p.alive(), p.name() + " (pid " + p.pid() + ") is still running");
        }
        for (int port : ports) {
            assertFalse(Ports.listening(port), "port " + port + " is still open");
        }
        assertEquals(Environment.DOWN, regions.environment().state());
    }
}
