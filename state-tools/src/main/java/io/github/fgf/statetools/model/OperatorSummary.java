package io.github.fgf.statetools.model;

/** One operator in a snapshot. */
public record OperatorSummary(String uid, String operatorId, int parallelism, int maxParallelism, long stateSize,
                              int subtasksWithState) {}
