package io.github.fgf.flinkclient;

import java.time.Instant;
import java.util.Optional;

/**
 * A job's checkpoint counters ({@code /jobs/:jobid/checkpoints}): how many completed, when the
 * latest completed one was acknowledged, and the id of the checkpoint or savepoint it restored.
 */
public record CheckpointStats(long completed, Optional<Instant> latestAckAt, Optional<Long> restoredFromId) {}
