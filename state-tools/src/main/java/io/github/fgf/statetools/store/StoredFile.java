package io.github.fgf.statetools.store;

import java.time.Instant;

/** A file (blob) in a snapshot store: its location, size and last modification. */
public record StoredFile(String uri, long size, Instant lastModified) {}
