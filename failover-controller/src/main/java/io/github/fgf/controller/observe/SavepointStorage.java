package io.github.fgf.controller.observe;

import java.time.Instant;
import java.util.Optional;

/** What a planned failover reads of the primary's savepoint storage. state-tools in production; fakes in tests. */
public interface SavepointStorage {

    /** The newest complete savepoint under a directory (its path), if any. */
    Optional<String> newestComplete(String savepointsDir);

    /** When a savepoint's {@code _metadata} was written (storage's Last-Modified). */
    Instant writtenAt(String savepoint);

    /** The account's Last Sync Time, from a {@code lastSyncTimeFrom} source. */
    Instant lastSyncTime(String lastSyncTimeFrom);
}
