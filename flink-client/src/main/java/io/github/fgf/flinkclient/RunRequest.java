package io.github.fgf.flinkclient;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run of an uploaded jar ({@code POST /jars/:jarid/run}). {@code jobId} empty lets Flink choose
 * one; a caller that needs idempotent submission chooses it.
 */
public record RunRequest(String jarId, Optional<String> entryClass, List<String> args, int parallelism,
                         Optional<RestoreSettings> restore, Optional<JobId> jobId) {

    public RunRequest {
        Objects.requireNonNull(jarId, "jarId");
        args = List.copyOf(args);
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }

    /** A fresh run: no restore, Flink's JobID. */
    public static RunRequest of(String jarId, String entryClass, List<String> args, int parallelism) {
        return new RunRequest(jarId, Optional.ofNullable(entryClass), args, parallelism, Optional.empty(), Optional.empty());
    }

    public RunRequest restoringFrom(RestoreSettings settings) {
        return new RunRequest(jarId, entryClass, args, parallelism, Optional.of(settings), jobId);
    }

    public RunRequest withJobId(JobId id) {
        return new RunRequest(jarId, entryClass, args, parallelism, restore, Optional.of(id));
    }
}
