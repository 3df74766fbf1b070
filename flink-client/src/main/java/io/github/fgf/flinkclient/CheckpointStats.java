package io.github.fgf.flinkclient;

import java.time.Instant;
import java.util.Optional;

/**
 * A job's checkpoint counters ({@code /jobs/:jobid/checkpoints}): how many completed, when the
 * latest completed one was acknowledged, the id of the checkpoint or savepoint it restored, and
 * the latest completed checkpoint's id and external path (its retained directory), what the
 * controller ships.
 */
public record CheckpointStats(long completed, Optional<Instant> latestAckAt, Optional<Long> restoredFromId,
                              Optional<Long> latestCompletedId, Optional<String> latestCompletedPath) {

    public CheckpointStats(long completed, Optional<Instant> latestAckAt, Optional<Long> restoredFromId) {
        this(completed, latestAckAt, restoredFromId, Optional.empty(), Optional.empty());
    }
}
