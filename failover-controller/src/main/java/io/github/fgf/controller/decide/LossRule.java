package io.github.fgf.controller.decide;

import io.github.fgf.controller.observe.RegionProbe;
import java.util.Locale;

/**
 * Which unreachable endpoints make a probe round of the primary fail ({@code policy.lossRule}).
 * Operators disagree on an Event Hubs-only outage: ingestion stops (producers cannot send through
 * the alias), yet Flink and storage answer, and a lone failing probe may also be the controller's
 * own problem. So it is a choice, and the default is the cautious one.
 */
public enum LossRule {
    /** Default: at least two of Flink, Event Hubs and storage are unreachable. */
    REGION("region"),
    /** As REGION, and also Event Hubs alone: fail over whenever ingestion through the alias is down. */
    EVENTHUBS("eventhubs"),
    /** Only all three at once. */
    ALL("all");

    private final String key;

    LossRule(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean failed(RegionProbe.Result r) {
        int down = (r.flinkUp() ? 0 : 1) + (r.eventHubsUp() ? 0 : 1) + (r.storageUp() ? 0 : 1);
        return switch (this) {
            case REGION -> down >= 2;
            case EVENTHUBS -> down >= 2 || !r.eventHubsUp();
            case ALL -> down == 3;
        };
    }

    public static LossRule parse(String s) {
        for (LossRule r : values()) {
            if (r.key.equals(s.toLowerCase(Locale.ROOT))) return r;
        }
        throw new IllegalArgumentException("expected region, eventhubs or all, got '" + s + "'");
    }
}
