package io.github.fgf.controller.decide;

import io.github.fgf.controller.observe.RegionProbe;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares a region lost after K consecutive probe rounds that failed under the loss rule; one good
 * round resets the count, so a single blip never fails over.
 *
 * <p>With the isolation check, a failed round counts only if the secondary answered in the same
 * round: a controller that can reach neither region is probably cut off itself, and one vantage
 * point that sees nothing is no evidence against a healthy primary. Such a round is inconclusive:
 * it neither counts nor resets.
 */
public final class LossDetector {

    private static final Logger LOG = LoggerFactory.getLogger(LossDetector.class);

    /** What the detector concludes after a round. */
    public enum State { HEALTHY, SUSPECT, LOST }

    /** The verdict of one round: the state and how many failed rounds in a row led to it. */
    public record Verdict(State state, int consecutiveFailures, int threshold, String reason) {}

    private final int threshold;
    private final LossRule rule;
    private final boolean isolationCheck;
    private int consecutive;
    private State last = State.HEALTHY;
    private boolean warnedPartial;

    public LossDetector(int threshold) {
        this(threshold, LossRule.REGION, false);
    }

    public LossDetector(int threshold, LossRule rule, boolean isolationCheck) {
        if (threshold < 1) throw new IllegalArgumentException("failure threshold must be >= 1, got " + threshold);
        this.threshold = threshold;
        this.rule = rule;
        this.isolationCheck = isolationCheck;
    }

    public Verdict observe(RegionProbe.Result round) {
        return observe(round, Optional.empty());
    }

    /** @param secondary the secondary's probe of the same round, when the isolation check is on */
    public Verdict observe(RegionProbe.Result round, Optional<RegionProbe.Result> secondary) {
        boolean failed = rule.failed(round);
        String reason;
        if (failed && isolationCheck && secondary.isPresent() && LossRule.REGION.failed(secondary.get())) {
            reason = "inconclusive: the secondary " + secondary.get().region() + " is unreachable too, so this controller may be "
                    + "cut off itself; the round is not counted (" + round.failures() + ")";
            State state = consecutive == 0 ? State.HEALTHY : consecutive >= threshold ? State.LOST : State.SUSPECT;
            log(round, state, reason, true);
            return new Verdict(state, consecutive, threshold, reason);
        }
        consecutive = failed ? consecutive + 1 : 0;
        State state = consecutive == 0 ? State.HEALTHY : consecutive >= threshold ? State.LOST : State.SUSPECT;
        reason = consecutive == 0 ? "probes answer" : consecutive + " of " + threshold + " consecutive rounds failed: " + round.failures();
        if (!failed && !round.eventHubsUp() && !warnedPartial) {
            // Not a loss under this rule, but ingestion through the alias is down: an operator must know.
            LOG.warn("Event Hubs of {} is unreachable while Flink and storage answer: not a region loss under policy.lossRule={}; "
                    + "set it to eventhubs to fail over on this, or run 'failover' ({})", round.region(), rule.key(), round.failures());
            warnedPartial = true;
        } else if (round.eventHubsUp()) {
            warnedPartial = false;
        }
        log(round, state, reason, false);
        return new Verdict(state, consecutive, threshold, reason);
    }

    /** One INFO line per change of state, and one when rounds turn inconclusive. */
    private void log(RegionProbe.Result round, State state, String reason, boolean inconclusive) {
        if (state != last || (inconclusive && !wasInconclusive)) {
            LOG.info("Region {} is {}: {}", round.region(), state, reason);
            last = state;
        }
        wasInconclusive = inconclusive;
    }

    private boolean wasInconclusive;
}
