package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.storage.blob.BlobClient;
import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.azurite.BlobContainers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controllers started at the same instant, on a real blob lease in Azurite: in every race exactly
 * one holds the lease, and every other one names that holder rather than "unknown".
 */
class LeaseITCase {

    static AzuriteServer.Started azurite;
    @TempDir static Path work;

    @BeforeAll
    static void start() {
        azurite = AzuriteServer.ensureRunning(work, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        azurite.process().ifPresent(p -> p.stop(Duration.ofSeconds(10)));
    }

    @Test
    void ofControllersStartedAtOnceOneActsAndTheOthersNameIt() throws Exception {
        String container = "lease-race-" + System.nanoTime();
        BlobContainers.azurite().create(container);
        int controllers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(controllers);
        try {
            for (int race = 0; race < 5; race++) {
                // a fresh record per race, so the winner's name is never one left by an earlier race
                BlobClient record = BlobContainers.azurite().container(container).getBlobClient("race-" + race + "/failover.json");
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<Object>> outcomes = new ArrayList<>();
                for (int c = 0; c < controllers; c++) {
                    String id = "controller-" + c;
                    outcomes.add(pool.submit(() -> {
                        gate.await();
                        try {
                            return Lease.acquire(record, id);
                        } catch (Lease.HeldException e) {
                            return e;
                        }
                    }));
                }
                gate.countDown();
                List<Lease> holders = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                for (Future<Object> f : outcomes) {
                    Object o = f.get();
                    if (o instanceof Lease l) holders.add(l);
                    else refusals.add(((Exception) o).getMessage());
                }
                assertEquals(1, holders.size(), "race " + race + ": " + refusals);
                String winner = holders.get(0).holderMetadata().get("holder");
                assertEquals(controllers - 1, refusals.size());
                for (String r : refusals) {
                    assertEquals("another controller holds the failover lease: " + winner + " since "
                            + holders.get(0).holderMetadata().get("since") + "; doing nothing", r, "race " + race);
                }
                holders.get(0).close();
            }
        } finally {
            pool.shutdownNow();
            BlobContainers.azurite().delete(container);
        }
    }

    @Test
    void twoControllersWithTheSameHostAndStateDirPathAreTwoInstancesAndOnlyOneActs() throws Exception {
        String container = "lease-same-host-" + System.nanoTime();
        BlobContainers.azurite().create(container);
        try {
            BlobClient record = BlobContainers.azurite().container(container).getBlobClient("failover.json");
            Path dir = work.resolve("same-path");
            String first = ControllerIdentity.of("controller-host", dir);
            assertEquals(first, ControllerIdentity.of("controller-host", dir), "a restart on the same state dir is the same instance");
            // A second container: the same host name and path, its own filesystem.
            java.nio.file.Files.delete(dir.resolve(ControllerIdentity.FILE));
            String second = ControllerIdentity.of("controller-host", dir);
            org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
            try (Lease held = Lease.acquire(record, first)) {
                Lease.HeldException refused = org.junit.jupiter.api.Assertions.assertThrows(Lease.HeldException.class,
                        () -> Lease.acquire(record, second));
                org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains(first), refused.getMessage());
                try (Lease again = Lease.acquire(record, first)) {
                    again.ensureHeld(); // the same instance, restarted, takes its own lease back
                }
            }
        } finally {
            BlobContainers.azurite().delete(container);
        }
    }

    @Test
    void aControllerThatLostItsLeaseStopsBeforeItsNextStep() throws Exception {
        String container = "lease-lost-" + System.nanoTime();
        BlobContainers.azurite().create(container);
        try {
            BlobClient record = BlobContainers.azurite().container(container).getBlobClient("failover.json");
            Lease mine = Lease.acquire(record, "controller-a");
            mine.ensureHeld();
            // The lease is broken (an operator, or it expired while this controller was paused) and another takes it.
            new com.azure.storage.blob.specialized.BlobLeaseClientBuilder().blobClient(record).buildClient()
                    .breakLeaseWithResponse(0, null, null, com.azure.core.util.Context.NONE);
            try (Lease theirs = Lease.acquire(record, "controller-b")) {
                Lease.LostException stop = org.junit.jupiter.api.Assertions.assertThrows(Lease.LostException.class, mine::ensureHeld);
                org.junit.jupiter.api.Assertions.assertTrue(stop.getMessage().startsWith("this controller lost the failover lease"));
                theirs.ensureHeld();
            } finally {
                mine.close();
            }
        } finally {
            BlobContainers.azurite().delete(container);
        }
    }
}
