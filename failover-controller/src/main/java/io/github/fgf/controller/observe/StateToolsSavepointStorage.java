package io.github.fgf.controller.observe;

import io.github.fgf.statetools.action.Catalog;
import io.github.fgf.statetools.action.LastSyncTimeSource;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.store.SnapshotStore;
import java.time.Instant;
import java.util.Optional;

/** {@link SavepointStorage} with state-tools' catalog and stores (wasb, abfs, file). */
public final class StateToolsSavepointStorage implements SavepointStorage {

    @Override
    public Optional<String> newestComplete(String savepointsDir) {
        SnapshotUri dir = SnapshotUri.parse(savepointsDir);
        return new Catalog(new SnapshotReader(SnapshotStore.forUri(dir))).entries(dir).stream()
                .filter(Catalog.Entry::complete).reduce((x, y) -> y).map(e -> e.dir().withoutQuery());
    }

    @Override
    public Instant writtenAt(String savepoint) {
        SnapshotUri sp = SnapshotUri.parse(savepoint);
        return SnapshotStore.forUri(sp).stat(sp.child(SnapshotReader.METADATA))
                .orElseThrow(() -> new IllegalStateException("savepoint " + savepoint + " has no _metadata")).lastModified();
    }

    @Override
    public Instant lastSyncTime(String lastSyncTimeFrom) {
        return LastSyncTimeSource.read(lastSyncTimeFrom);
    }
}
