package io.github.fgf.controller.decide;

import io.github.fgf.controller.observe.RegionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares a region lost after K consecutive probe rounds in which most of its endpoints were
 * unreachable; one good round resets the count, so a single blip never fails over.
 */
public final class LossDetector {

    private static final Logger LOG = LoggerFactory.getLogger(LossDetector.class);

    /** What the detector concludes after a round. */
    public enum State { HEALTHY, SUSPECT, LOST }

    /** The verdict of one round: the state and how many failed rounds in a row led to it. */
    public record Verdict(State state, int consecutiveFailures, int threshold, String reason) {}

    private final int threshold;
    private int consecutive;
    private State last = State.HEALTHY;

    public LossDetector(int threshold) {
        if (threshold < 1) throw new IllegalArgumentException("failure threshold must be >= 1, got " + threshold);
        this.threshold = threshold;
    }

    public Verdict observe(RegionProbe.Result round) {
        consecutive = round.regionDown() ? consecutive + 1 : 0;
        State state = consecutive == 0 ? State.HEALTHY : consecutive >= threshold ? State.LOST : State.SUSPECT;
        String reason = consecutive == 0 ? "probes answer" : consecutive + " of " + threshold + " consecutive rounds failed: "
                + round.failures();
        if (state != last) {
            LOG.info("Region {} is now {}: {}", round.region(), state, reason);
            last = state;
        }
        return new Verdict(state, consecutive, threshold, reason);
    }
}
