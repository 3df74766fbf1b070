package io.github.fgf.localregions.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to start the local environment. Read once; {@link #defaults(Path)} holds every default, and
 * a test asserts each of them.
 *
 * @param workDir       where data, logs, configs and {@code environment.json} live
 * @param regions       region names; the first is the Geo-DR primary
 * @param grsLag        how old a blob must be before the GRS emulator copies it (0 allowed)
 * @param grsInterval   how often the GRS emulator scans its source container
 * @param flink         whether to start a Flink session cluster per region
 * @param taskSlots     slots per TaskManager
 * @param aliasPort     the alias' Kafka port; 0 picks a free one
 * @param startTimeout  how long any one server may take to become ready
 * @param eventHubs     how the two namespaces are paired: a Geo-DR alias (metadata only) or Geo-Replication (data too)
 * @param replicationLag Geo-Replication only: how far behind the secondary runs (0 allowed)
 */
public record LocalRegionsOptions(
        Path workDir,
        List<String> regions,
        Duration grsLag,
        Duration grsInterval,
        boolean flink,
        int taskSlots,
        int aliasPort,
        Duration startTimeout,
        EventHubsPairing eventHubs,
        Duration replicationLag) {

    /** How the local Event Hubs namespaces are paired, as Azure offers it. */
    public enum EventHubsPairing {
        GEO_DR("geo-dr"), GEO_REPLICATION("geo-replication");

        public final String label;

        EventHubsPairing(String label) {
            this.label = label;
        }

        public static EventHubsPairing parse(String s) {
            for (EventHubsPairing p : values()) if (p.label.equals(s)) return p;
            throw new IllegalArgumentException("event-hubs: expected geo-dr or geo-replication, got '" + s + "'");
        }
    }

    public static final Duration DEFAULT_REPLICATION_LAG = Duration.ofSeconds(2);

    public static final List<String> DEFAULT_REGIONS = List.of("primary", "secondary");
    public static final Duration DEFAULT_GRS_LAG = Duration.ofSeconds(5);
    /**
     * Each scan lists the whole container; at 250 ms the two emulators and the Azurite that answers them took over a
     * third of the CPU of a failover test on two cores. A second keeps the Last Sync Time within a second of the lag.
     */
    public static final Duration DEFAULT_GRS_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_TASK_SLOTS = 2;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    public LocalRegionsOptions {
        if (regions.size() != 2) {
            throw new IllegalArgumentException("regions: expected exactly two names, got " + regions);
        }
        if (grsLag.isNegative()) {
            throw new IllegalArgumentException("grs-lag: expected a duration >= 0, got " + grsLag);
        }
        if (grsInterval.isNegative() || grsInterval.isZero()) {
            throw new IllegalArgumentException("grs-interval: expected a positive duration, got " + grsInterval);
        }
        if (replicationLag.isNegative()) {
            throw new IllegalArgumentException("replication-lag: expected a duration >= 0, got " + replicationLag);
        }
        if (taskSlots < 1) {
            throw new IllegalArgumentException("task-slots: expected >= 1, got " + taskSlots);
        }
    }

    public static LocalRegionsOptions defaults(Path workDir) {
        return new LocalRegionsOptions(workDir, DEFAULT_REGIONS, DEFAULT_GRS_LAG, DEFAULT_GRS_INTERVAL, true,
                DEFAULT_TASK_SLOTS, 0, DEFAULT_START_TIMEOUT, EventHubsPairing.GEO_DR, DEFAULT_REPLICATION_LAG);
    }

    public LocalRegionsOptions withGrsLag(Duration lag) {
        return new LocalRegionsOptions(workDir, regions, lag, grsInterval, flink, taskSlots, aliasPort, startTimeout, eventHubs, replicationLag);
    }

    public LocalRegionsOptions withFlink(boolean on) {
        return new LocalRegionsOptions(workDir, regions, grsLag, grsInterval, on, taskSlots, aliasPort, startTimeout, eventHubs, replicationLag);
    }

    public LocalRegionsOptions withAliasPort(int port) {
        return new LocalRegionsOptions(workDir, regions, grsLag, grsInterval, flink, taskSlots, port, startTimeout, eventHubs, replicationLag);
    }

    public LocalRegionsOptions withEventHubs(EventHubsPairing pairing, Duration lag) {
        return new LocalRegionsOptions(workDir, regions, grsLag, grsInterval, flink, taskSlots, aliasPort, startTimeout, pairing, lag);
    }

    public String primary() {
        return regions.get(0);
    }

    public String secondary() {
        return regions.get(1);
    }
}
