package io.github.fgf.controller.drill;

import java.nio.file.Path;

/**
 * Where a drill runs and how it injects the failure: the local two-region environment (through the local adapter),
 * or a real deployment. Each run gets hubs of its own, so that it audits only its own events.
 */
public interface DrillEnvironment {

    /** One run's hubs and topology, with the job running in the primary and checkpointing. */
    record Prepared(Path topology, String inputHub, String outputHub, String lateHub, String deadLetterHub, String devicePrefix) {}

    /** Brings the environment to a paired alias with the job in the primary, reading the run's hubs. */
    Prepared prepare(String runId, Path runDir, DrillOptions options) throws Exception;

    /** Whether {@link #kill} cuts the region's power (locally) rather than leaving it running. */
    boolean canKill();

    /** The region is lost: its brokers, Flink and storage endpoint stop at once. Returns the moment of the loss. */
    java.time.Instant kill(String region) throws Exception;

    /** The outage ends: the region comes back as one with Flink HA would (its jobs restart from their checkpoints). */
    void revive(String region) throws Exception;

    /**
     * Geo-Replication, read from both regions' own endpoints: per partition of {@code hub}, the offsets of the records the
     * old primary holds that the new primary does not hold at the same offset (the records that never reached it).
     * Empty where the environment cannot read both (a real deployment: one host name).
     */
    default java.util.Optional<java.util.Map<Integer, java.util.Set<Long>>> unreplicated(String hub, String oldPrimary, String newPrimary)
            throws Exception {
        return java.util.Optional.empty();
    }
}
