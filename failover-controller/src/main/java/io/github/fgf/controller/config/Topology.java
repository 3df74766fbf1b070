package io.github.fgf.controller.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.List;

/**
 * The controller's topology file: two regions, the alias, the job and the failover policy.
 * Read once and validated by {@link TopologyFile}; every default lives in {@link Policy#defaults()}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Topology(Region primary, Region secondary, Alias alias, JobSpec job, Policy policy) {

    /** One region: its Event Hubs namespace, Flink cluster and storage. */
    public record Region(String name, String namespace, String eventHubsConnectionString, String eventHubsBootstrap,
                         String flinkRestUrl, Storage storage) {

        /** The namespace's Kafka endpoint: the configured bootstrap (local) or {@code <namespace>.servicebus.windows.net:9093}. */
        public String kafkaBootstrap() {
            return eventHubsBootstrap != null ? eventHubsBootstrap : namespace + ".servicebus.windows.net:9093";
        }
    }

    /**
     * A region's storage: where the job writes checkpoints and savepoints, and where that account's
     * geo-secondary copy is read (with its Last Sync Time source: an https secondary endpoint or
     * {@code local:<grs-status.json>}).
     */
    public record Storage(String checkpoints, String savepoints, String secondarySavepoints, String lastSyncTimeFrom) {}

    /** The Geo-DR alias: {@code type} arm (resourceId of the secondary namespace's alias) or local (controlUrl). */
    public record Alias(String type, String name, String resourceId, String controlUrl, String connectionString,
                        String bootstrap) {}

    /** What to run in the secondary: the jar, its entry class, base arguments and parallelism. */
    public record JobSpec(String jar, String entryClass, List<String> args, int parallelism) {

        /** The value of a job option among the base arguments ({@code --key value}), or the job's default. */
        public String arg(String key, String defaultValue) {
            int i = args.indexOf(key);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : defaultValue;
        }
    }

    /** When to declare loss, how much loss to accept, and how often to take savepoints. */
    public record Policy(Duration maxRpo, Duration probeInterval, int failureThreshold, Duration savepointInterval,
                         int savepointRetention, Duration savepointMaxAge) {

        public static final Duration DEFAULT_MAX_RPO = Duration.ofMinutes(5);
        public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);
        public static final int DEFAULT_FAILURE_THRESHOLD = 3;
        public static final Duration DEFAULT_SAVEPOINT_INTERVAL = Duration.ofMinutes(1);
        public static final int DEFAULT_SAVEPOINT_RETENTION = 10;
        public static final Duration DEFAULT_SAVEPOINT_MAX_AGE = Duration.ofHours(1);

        public static Policy defaults() {
            return new Policy(DEFAULT_MAX_RPO, DEFAULT_PROBE_INTERVAL, DEFAULT_FAILURE_THRESHOLD, DEFAULT_SAVEPOINT_INTERVAL,
                    DEFAULT_SAVEPOINT_RETENTION, DEFAULT_SAVEPOINT_MAX_AGE);
        }

        /** How long region loss takes to declare: K consecutive failed rounds. */
        public Duration detectionTime() {
            return probeInterval.multipliedBy(failureThreshold);
        }
    }
}
