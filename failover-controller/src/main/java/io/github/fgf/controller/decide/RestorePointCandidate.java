package io.github.fgf.controller.decide;

import java.time.Instant;
import java.util.List;

/**
 * A savepoint as observed on the secondary: when its {@code _metadata} was written there, whether
 * it loads, and what verify found missing or truncated.
 */
public record RestorePointCandidate(String path, Long checkpointId, Instant completedAt, boolean complete,
                                    List<String> problems) {}
