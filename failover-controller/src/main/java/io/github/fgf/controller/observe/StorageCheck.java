package io.github.fgf.controller.observe;

import java.time.Instant;

/** What a probe asks a region's storage account: can its savepoints be listed, and its Last Sync Time. */
public interface StorageCheck {

    /** Throws when the savepoint location cannot be listed. */
    void list() throws Exception;

    Instant lastSyncTime() throws Exception;
}
