package io.github.fgf.controller.observe;

import io.github.fgf.controller.decide.RestorePointCandidate;
import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.LastSyncTimeSource;
import io.github.fgf.statetools.action.Verifier;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.VerifyReport;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Observes restore points as region B sees them: the savepoints in the primary account's
 * geo-secondary copy, each verified there, and that account's Last Sync Time. Only records; the
 * selector decides. Reuses state-tools' reading code.
 */
public final class RestorePointObserver {

    /** What was observed: candidates and the Last Sync Time, at one moment. */
    public record Observation(List<RestorePointCandidate> candidates, Instant lastSyncTime, Instant observedAt) {}

    private final SnapshotUri savepoints;
    private final String lastSyncTimeFrom;

    /** Observes the primary's savepoints in its storage account's geo-secondary copy: what region B can restore. */
    public static RestorePointObserver ofPrimary(io.github.fgf.controller.config.Topology topology) {
        var s = topology.primary().storage();
        return new RestorePointObserver(s.secondarySavepoints(), s.lastSyncTimeFrom());
    }

    public RestorePointObserver(String secondarySavepoints, String lastSyncTimeFrom) {
        this.savepoints = SnapshotUri.parse(secondarySavepoints);
        this.lastSyncTimeFrom = lastSyncTimeFrom;
    }

    public Observation observe() {
        // Read the Last Sync Time first: a savepoint that replicates while we look is then judged conservatively.
        Instant lst = LastSyncTimeSource.read(lastSyncTimeFrom);
        SnapshotReader reader = new SnapshotReader(SnapshotStore.forUri(savepoints));
        Verifier verifier = new Verifier(reader, new OperatorNames(List.of()));
        List<RestorePointCandidate> out = new ArrayList<>();
        for (Catalog.Entry e : new Catalog(reader).entries(savepoints)) {
            if (!e.complete()) {
                out.add(new RestorePointCandidate(e.dir().toString(), null, e.completedAt(), false, List.of(e.problem())));
                continue;
            }
            VerifyReport v = verifier.verify(e.dir(), Optional.empty());
            // Last-Modified has one-second resolution: the write may have ended up to a second after it.
            Instant writtenBy = e.completedAt().plus(java.time.Duration.ofSeconds(1));
            out.add(new RestorePointCandidate(e.dir().toString(), e.loaded().get().metadata().getCheckpointId(), writtenBy,
                    true, v.problems().stream().map(p -> p.kind() + ": " + p.file()).toList()));
        }
        return new Observation(out, lst, Instant.now());
    }
}
