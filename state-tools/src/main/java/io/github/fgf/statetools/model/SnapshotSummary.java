package io.github.fgf.statetools.model;

/**
 * One snapshot found by {@code list}. {@code completedAt} is the last-modified time of its
 * {@code _metadata} (Flink 1.20 writes no timestamp inside it); {@code replicated} is null unless
 * a Last Sync Time was given.
 */
public record SnapshotSummary(String path, String type, Long checkpointId, String completedAt, long totalBytes,
                              int fileCount, boolean complete, String problem, Boolean replicated) {}
