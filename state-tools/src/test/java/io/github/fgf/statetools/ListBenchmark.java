package io.github.fgf.statetools;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.fgf.localregions.azurite.BlobContainers;
import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.SnapshotSummary;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.statetools.testing.SnapshotFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not part of the test run: {@code bin/benchmark-state-tools-list}. Times
 * {@code list} over 200 real savepoints in one Azurite directory and prints the target beside
 * the measurement. It asserts only that all 200 were found, never the time.
 */
class ListBenchmark {

    static final int SNAPSHOTS = 200;
    static final Duration TARGET = Duration.ofSeconds(10);

    @Test
    void list200Snapshots(@TempDir Path workDir) throws Exception {
        try (SnapshotFixture fx = new SnapshotFixture(workDir)) {
            var storage = fx.env.region("primary").storage();
            fx.produce("bench-in", 2, 200);
            String job = fx.run(fx.args("bench-in", storage.checkpointsUri(), storage.savepointsUri()), null);
            fx.awaitConsumed("bench-in", "bench-in", Duration.ofSeconds(90));
            String sp = fx.flink.stopWithSavepoint(job, storage.savepointsUri(), Duration.ofSeconds(60));

            BlobContainerClient c = BlobContainers.azurite().container(storage.container());
            String prefix = java.net.URI.create(sp).getPath().substring(1);
            List<String> names = new ArrayList<>();
            c.listBlobs(new ListBlobsOptions().setPrefix(prefix + "/").setDetails(new BlobListDetails().setRetrieveMetadata(true)), null)
                    .forEach(b -> {
                        if (b.getMetadata() == null || !"true".equals(b.getMetadata().get("hdi_isfolder"))) names.add(b.getName());
                    });
            for (int i = 0; i < SNAPSHOTS; i++) {
                for (String n : names) {
                    c.getBlobClient(String.format("bench/savepoint-%04d", i) + n.substring(prefix.length()))
                            .upload(c.getBlobClient(n).downloadContent(), true);
                }
            }
            SnapshotUri dir = SnapshotUri.parse(storage.uri() + "bench");
            Catalog catalog = new Catalog(new SnapshotReader(SnapshotStore.forUri(dir)));
            catalog.list(dir, Optional.empty()); // warm-up: class loading, connection pool
            long start = System.nanoTime();
            List<SnapshotSummary> found = catalog.list(dir, Optional.empty());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("%nstate-tools list over %d snapshots (%d files each) on Azurite: %.2f s; target < %d s: %s%n%n",
                    found.size(), names.size(), took.toMillis() / 1000.0, TARGET.toSeconds(),
                    took.compareTo(TARGET) < 0 ? "met" : "MISSED");
            if (found.size() != SNAPSHOTS || !found.stream().allMatch(SnapshotSummary::complete)) {
                throw new AssertionError("expected " + SNAPSHOTS + " complete snapshots, found " + found.size());
            }
        }
    }
}
