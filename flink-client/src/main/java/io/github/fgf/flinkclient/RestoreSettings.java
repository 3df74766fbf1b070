package io.github.fgf.flinkclient;

import java.util.Objects;

/**
 * Where and how a job restores: the snapshot, who owns its files, and whether state of operators
 * the new job lacks may be dropped. These are the caller's decisions, never the transport's.
 */
public record RestoreSettings(String savepointPath, ClaimMode claimMode, boolean allowNonRestoredState) {
    public RestoreSettings {
        Objects.requireNonNull(savepointPath, "savepointPath");
        Objects.requireNonNull(claimMode, "claimMode");
    }
}
