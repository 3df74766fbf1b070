package io.github.fgf.controller.decide;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The restore point chosen (or the refusal), why, and every candidate rejected and why. */
public record RestorePointDecision(Optional<RestorePointCandidate> chosen, Duration rpo, String reason,
                                   List<Rejection> rejected, boolean refused) {

    /** A candidate that was not chosen, with the reason. */
    public record Rejection(String path, String reason) {}

    static RestorePointDecision choose(RestorePointCandidate c, Duration rpo, String reason, List<Rejection> rejected) {
        return new RestorePointDecision(Optional.of(c), rpo, reason, rejected, false);
    }

    static RestorePointDecision refuse(Optional<RestorePointCandidate> best, Duration rpo, String reason, List<Rejection> rejected) {
        return new RestorePointDecision(best, rpo, reason, rejected, true);
    }
}
