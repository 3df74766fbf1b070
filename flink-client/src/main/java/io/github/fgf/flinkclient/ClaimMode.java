package io.github.fgf.flinkclient;

/** Who owns a restored snapshot's files ({@code execution.savepoint-restore-mode}). */
public enum ClaimMode {
    /** The new job never deletes the snapshot's files: its first checkpoint is a full one. */
    NO_CLAIM,
    /** The new job takes ownership, and may delete the files once it has subsumed the snapshot. */
    CLAIM,
    /** Deprecated in Flink: ownership is unclear. */
    LEGACY
}
