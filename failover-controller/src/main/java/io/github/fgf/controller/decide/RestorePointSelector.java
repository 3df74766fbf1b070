package io.github.fgf.controller.decide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule of design.md: the newest restore point that has provably reached region B and whose
 * files all verify there: a savepoint whose {@code _metadata} was written before the Last Sync
 * Time, or a shipped checkpoint (in B's own storage, complete once its {@code _metadata} is);
 * refused if older than max-rpo unless the operator accepts the loss. Decides from the
 * observations alone.
 */
public final class RestorePointSelector {

    private static final Logger LOG = LoggerFactory.getLogger(RestorePointSelector.class);

    private RestorePointSelector() {}

    public static RestorePointDecision select(List<RestorePointCandidate> candidates, Instant lastSyncTime, Instant now,
                                              Duration maxRpo, boolean acceptRpo) {
        List<RestorePointCandidate> newestFirst = new ArrayList<>(candidates);
        newestFirst.sort(Comparator.comparing(RestorePointCandidate::completedAt).reversed());
        List<RestorePointDecision.Rejection> rejected = new ArrayList<>();
        for (RestorePointCandidate c : newestFirst) {
            String why = rejection(c, lastSyncTime);
            if (why != null) {
                rejected.add(new RestorePointDecision.Rejection(c.path(), why));
                LOG.info("Restore point {} rejected: {}", c.path(), why);
                continue;
            }
            Duration rpo = Duration.between(c.completedAt(), now);
            if (rpo.compareTo(maxRpo) > 0 && !acceptRpo) {
                String reason = "the best restore point " + c.path() + " is " + rpo.toSeconds() + " s old, beyond max-rpo "
                        + maxRpo.toSeconds() + " s; rerun with --accept-rpo to accept that loss";
                LOG.info("Failover refused: {}", reason);
                return RestorePointDecision.refuse(Optional.of(c), rpo, reason, rejected);
            }
            String reason = (c.kind() == RestorePointCandidate.Kind.SHIPPED_CHECKPOINT
                    ? "newest restore point: a checkpoint shipped to the secondary's own storage, whose files all verify there"
                    : "newest restore point: a savepoint written before the Last Sync Time " + lastSyncTime
                            + " whose files all verify on the secondary") + "; state RPO " + rpo.toSeconds() + " s" + (rpo.compareTo(maxRpo) > 0 ? " (accepted beyond max-rpo)" : "");
            LOG.info("Restore point {} chosen: {}", c.path(), reason);
            return RestorePointDecision.choose(c, rpo, reason, rejected);
        }
        String reason = candidates.isEmpty() ? "no savepoint or shipped checkpoint on the secondary"
                : "no savepoint or shipped checkpoint on the secondary is restorable";
        LOG.info("Failover refused: {}", reason);
        return RestorePointDecision.refuse(Optional.empty(), null, reason, rejected);
    }

    /** The candidate the rule would restore ignoring max-rpo: the newest restorable one, for metrics and retention. */
    public static Optional<RestorePointCandidate> newestRestorable(List<RestorePointCandidate> candidates, Instant lastSyncTime) {
        return candidates.stream().filter(c -> rejection(c, lastSyncTime) == null)
                .max(Comparator.comparing(RestorePointCandidate::completedAt));
    }

    private static String rejection(RestorePointCandidate c, Instant lastSyncTime) {
        if (!c.complete()) return "incomplete: " + String.join("; ", c.problems());
        if (c.kind() == RestorePointCandidate.Kind.SHIPPED_CHECKPOINT) {
            return c.problems().isEmpty() ? null : "shipped copy does not verify: " + String.join("; ", c.problems());
        }
        if (!c.completedAt().isBefore(lastSyncTime)) {
            return "not replicated yet: written at " + c.completedAt() + ", Last Sync Time " + lastSyncTime;
        }
        if (!c.problems().isEmpty()) return "does not verify on the secondary: " + String.join("; ", c.problems());
        return null;
    }
}
