package io.github.fgf.controller.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.testing.FileTopology;
import io.github.fgf.controller.testing.SyntheticCheckpoints;
import io.github.fgf.controller.testing.fakes.FakeFlink;
import io.github.fgf.statetools.store.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper against a fake Flink and file:// storage: it ships each new latest checkpoint once,
 * nothing without a running job or a new checkpoint, keeps {@link CheckpointShipper#RETENTION}
 * shipments with every shared file they reference, and counts the egress per hour.
 */
class CheckpointShipperTest {

    @TempDir Path dir;
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void eachNewCheckpointShipsOnceAndOldShipmentsArePrunedKeepingWhatKeptOnesShare() throws Exception {
        Topology t = FileTopology.write(dir);
        FakeFlink a = new FakeFlink("primary");
        CheckpointShipper shipper = new CheckpointShipper(t, r -> a, SnapshotStore::forUri);
        SyntheticCheckpoints chk = new SyntheticCheckpoints(dir.resolve("a/checkpoints"), "job1");

        a.latestCheckpoint = chk.write(1, List.of("s1"), T0);
        assertTrue(shipper.shipNewest(T0).isEmpty(), "no running job: nothing to ship");
        a.start("fgf-telemetry");
        var first = shipper.shipNewest(T0.plusSeconds(1)).orElseThrow();
        assertEquals(4, first.report().filesCopied());
        assertTrue(shipper.shipNewest(T0.plusSeconds(2)).isEmpty(), "the same checkpoint ships once");

        long bytes = first.report().bytesCopied();
        for (int id = 2; id <= 5; id++) {
            a.latestCheckpoint = chk.write(id, List.of("s1", "s" + id), T0.plusSeconds(10L * id));
            var s = shipper.shipNewest(T0.plusSeconds(10L * id)).orElseThrow();
            assertEquals(1, s.report().filesAlreadyThere(), "s1 was shipped before: " + s.report());
            bytes += s.report().bytesCopied();
            assertEquals(bytes, s.bytesLastHour());
        }
        // Kept: chk-3..5; s1 (shared by all) and s3..s5 stay, s2 went with chk-2.
        try (var listing = Files.list(dir.resolve("b/shipped/job1"))) {
            assertEquals(List.of("chk-3", "chk-4", "chk-5", "shared"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var listing = Files.list(dir.resolve("b/shipped/job1/shared"))) {
            assertEquals(List.of("s1", "s3", "s4", "s5"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void theVolumePerHourIsExtrapolatedUntilAnHourHasBeenWatched() {
        assertEquals(3_600_000, CheckpointShipper.perHour(1_000, Duration.ofSeconds(1)));
        assertEquals(2_000, CheckpointShipper.perHour(1_000, Duration.ofMinutes(30)));
        assertEquals(1_000, CheckpointShipper.perHour(1_000, Duration.ofHours(2)));
    }
}
