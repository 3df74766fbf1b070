package io.github.fgf.controller.decide;

import java.time.Instant;
import java.util.List;

/**
 * A restore point as observed from region B: when its {@code _metadata} was written (in region A:
 * the state's age), whether it loads, and what verify found missing or truncated. A savepoint is
 * read from the geo-secondary copy and counts only once replicated (before the Last Sync Time); a
 * shipped checkpoint lives in B's own storage, where the controller wrote it.
 */
public record RestorePointCandidate(String path, Long checkpointId, Instant completedAt, boolean complete,
                                    List<String> problems, Kind kind) {

    /** Where a restore point comes from, and so what proves it has reached region B. */
    public enum Kind {
        /** A savepoint in the primary account's geo-secondary copy: there once the Last Sync Time passes it. */
        SAVEPOINT("savepoint"),
        /** A retained checkpoint the controller copied into B's own storage: there once its _metadata is. */
        SHIPPED_CHECKPOINT("shipped checkpoint");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public RestorePointCandidate(String path, Long checkpointId, Instant completedAt, boolean complete, List<String> problems) {
        this(path, checkpointId, completedAt, complete, problems, Kind.SAVEPOINT);
    }
}
