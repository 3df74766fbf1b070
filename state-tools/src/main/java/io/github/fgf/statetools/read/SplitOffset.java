package io.github.fgf.statetools.read;

/** A Kafka source split as restored: the next offset to read of one topic-partition. */
public record SplitOffset(String topic, int partition, long nextOffset) {}
