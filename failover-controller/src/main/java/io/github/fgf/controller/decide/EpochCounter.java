package io.github.fgf.controller.decide;

import io.github.fgf.controller.act.FailoverRecord;
import java.util.Optional;

/**
 * The next failover epoch. Epochs must grow for ever for one alias, across failover, failback and
 * a failover back the other way: the job's outputs and the consumers' "highest epoch wins" rely on
 * it. The secondary's own record only knows failovers into it, so failback writes the epoch it
 * reached into both regions' storage ({@code epoch.json}), where a later failover in either
 * direction finds it even with the other region lost.
 */
public final class EpochCounter {

    private EpochCounter() {}

    /** One more than the highest epoch known from the secondary's failover record and its epoch mark. */
    public static long next(Optional<FailoverRecord> secondaryRecord, Optional<Long> secondaryMark) {
        long highest = Math.max(secondaryRecord.map(FailoverRecord::epoch).orElse(0L), secondaryMark.orElse(0L));
        return highest + 1;
    }
}
