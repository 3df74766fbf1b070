package io.github.fgf.statetools.read;

/** A file a snapshot's {@code _metadata} points at, with the size it must have. */
public record ReferencedFile(String uri, long expectedSize, String operator) {}
