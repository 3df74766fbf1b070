package io.github.fgf.controller.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.decide.RestorePointCandidate;
import io.github.fgf.controller.decide.RestorePointDecision;
import io.github.fgf.controller.decide.RestorePointSelector;
import io.github.fgf.controller.testing.SyntheticCheckpoints;
import io.github.fgf.statetools.action.Shipper;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.LocalFileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipped checkpoints as restore points, with the real observer, verifier and selector on file://:
 * the newest one that verifies in the secondary's storage is chosen whatever the Last Sync Time;
 * a truncated or missing copy, or a copy whose _metadata still points at the primary, is never
 * chosen, and the decision says why.
 */
class ShippedRestorePointsTest {

    @TempDir Path dir;
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    Topology topology() throws Exception {
        return io.github.fgf.controller.testing.FileTopology.write(dir);
    }

    String ship(String checkpoint) {
        return new Shipper(new SnapshotReader(new LocalFileStore()), new LocalFileStore())
                .ship(SnapshotUri.parse(checkpoint), SnapshotUri.parse("file://" + dir.resolve("b/shipped"))).target();
    }

    @Test
    void theNewestShippedCheckpointThatVerifiesIsChosenAndABadCopyIsRejectedWithItsReason() throws Exception {
        Topology t = topology();
        assertEquals("file://" + dir.resolve("b/shipped"), t.primary().storage().shipCheckpointsTo());
        SyntheticCheckpoints a = new SyntheticCheckpoints(dir.resolve("a/checkpoints"), "job1");
        String good = ship(a.write(1, List.of("s1"), T0));
        String truncated = ship(a.write(2, List.of("s1", "s2"), T0.plusSeconds(10)));
        String missing = ship(a.write(3, List.of("s1", "s2", "s3"), T0.plusSeconds(20)));
        Files.write(dir.resolve("b/shipped/job1/chk-2/op"), new byte[3]);
        Files.delete(dir.resolve("b/shipped/job1/shared/s3"));
        // A copy whose _metadata was never relocated: every file it names exists, but in the primary's storage.
        a.write(4, List.of("s1"), T0.plusSeconds(30));
        Files.createDirectories(dir.resolve("b/shipped/job1/chk-4"));
        Files.copy(dir.resolve("a/checkpoints/job1/chk-4/_metadata"), dir.resolve("b/shipped/job1/chk-4/_metadata"));

        RestorePointObserver.Observation o = new GeoSecondaryRestorePoints(t).observe();
        assertEquals(4, o.candidates().size(), o.candidates().toString());
        assertTrue(o.candidates().stream().allMatch(c -> c.kind() == RestorePointCandidate.Kind.SHIPPED_CHECKPOINT));
        RestorePointDecision d = RestorePointSelector.select(o.candidates(), o.lastSyncTime(), T0.plusSeconds(40),
                Duration.ofMinutes(5), false);

        assertEquals(good, d.chosen().orElseThrow().path());
        assertEquals(Duration.ofSeconds(39), d.rpo(), "state age: the checkpoint's own time (+1 s for Last-Modified), not the copy's");
        assertTrue(d.reason().contains("shipped"), d.reason());
        var why = new java.util.HashMap<String, String>();
        d.rejected().forEach(r -> why.put(r.path(), r.reason()));
        assertEquals(3, why.size(), why.toString());
        assertTrue(why.get(truncated).startsWith("shipped copy does not verify: truncated: "), why.toString());
        assertTrue(why.get(missing).contains("missing: ") && why.get(missing).contains("shared/s3"), why.toString());
        String unrelocated = "file://" + dir.resolve("b/shipped/job1/chk-4");
        assertTrue(why.get(unrelocated).contains("outside the shipped directory: "), why.toString());
    }
}
