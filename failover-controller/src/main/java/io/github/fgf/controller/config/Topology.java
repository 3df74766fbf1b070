package io.github.fgf.controller.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.List;

/**
 * The controller's topology file: two regions, the alias, the job and the failover policy.
 * Read once and validated by {@link TopologyFile}; every default lives in {@link Policy#defaults()}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Topology(Region primary, Region secondary, Alias alias, JobSpec job, Policy policy, Credential credential) {

    /** How the controller probes a hub's end: the Event Hubs client (AMQP) or the Kafka endpoint. */
    public enum HubProbe { EVENTHUBS, KAFKA }

    /**
     * One region: its Event Hubs namespace (a connection string, or the topology's credential plus
     * the namespace's resource id), Flink cluster and storage.
     */
    public record Region(String key, String name, String namespace, String eventHubsConnectionString, String eventHubsResourceId,
                         String eventHubsBootstrap, HubProbe hubProbe, String flinkRestUrl, Storage storage) {

        /** The namespace's Kafka endpoint: the configured bootstrap (local) or {@code <namespace>.servicebus.windows.net:9093}. */
        public String kafkaBootstrap() {
            return eventHubsBootstrap != null ? eventHubsBootstrap : amqpHostOf(namespace) + ":9093";
        }

        /** The namespace's name, also when the topology gives its host name: the job's {@code source.namespace}. */
        public String namespaceName() {
            return namespace.contains(".") ? namespace.substring(0, namespace.indexOf('.')) : namespace;
        }

        private static String amqpHostOf(String namespace) {
            return namespace.contains(".") ? namespace : namespace + ".servicebus.windows.net";
        }

        /** The AMQP host of the namespace, for a credential-based Event Hubs client. */
        public String fullyQualifiedNamespace() {
            return namespace.contains(".") ? namespace : namespace + ".servicebus.windows.net";
        }

        /**
         * The connection string, for what only the Kafka endpoint can do (drain, planned end offsets):
         * the Kafka endpoint authenticates with SAS here, not with the Azure AD credential.
         */
        public String kafkaConnectionString(String purpose) {
            if (eventHubsConnectionString == null) {
                throw new TopologyException(key + ".eventHubsConnectionString", "missing; " + purpose
                        + " goes through the Kafka endpoint, which needs the namespace's connection string");
            }
            return eventHubsConnectionString;
        }
    }

    /**
     * An Azure AD credential for ARM (the alias) and the Event Hubs client: {@code default}
     * (DefaultAzureCredential: environment, workload or managed identity, Azure CLI) or
     * {@code service-principal} (tenant, client id, and the secret in the environment variable
     * named by {@code clientSecretEnv}, never in the file).
     */
    public record Credential(String type, String tenantId, String clientId, String clientSecretEnv, String authorityHost) {}

    /**
     * A region's storage: where the job writes checkpoints and savepoints, and where that account's
     * geo-secondary copy is read (with its Last Sync Time source: an https secondary endpoint or
     * {@code local:<grs-status.json>}). {@code shipCheckpointsTo}, if set: a directory in the other region's own
     * storage where the controller ships this region's retained checkpoints while it watches (null: no shipping).
     */
    public record Storage(String checkpoints, String savepoints, String secondarySavepoints, String lastSyncTimeFrom,
                          String shipCheckpointsTo) {

        public Storage(String checkpoints, String savepoints, String secondarySavepoints, String lastSyncTimeFrom) {
            this(checkpoints, savepoints, secondarySavepoints, lastSyncTimeFrom, null);
        }

        public boolean shipsCheckpoints() {
            return shipCheckpointsTo != null;
        }

        /**
         * The one place a savepoint's two copies are mapped: the same directory name under {@code savepoints} (written
         * by the job) and under {@code secondarySavepoints} (the account's geo-secondary copy, what the other region
         * restores).
         */
        public String secondaryCopyOf(String savepoint) {
            return under(secondarySavepoints, savepoint);
        }

        public String primaryCopyOf(String secondaryCopy) {
            return under(savepoints, secondaryCopy);
        }

        private static String under(String base, String savepoint) {
            String p = savepoint.replaceAll("/+$", "").replaceAll("\\?.*$", "");
            return io.github.fgf.statetools.location.SnapshotUri.parse(base).child(p.substring(p.lastIndexOf('/') + 1)).withoutQuery();
        }
    }

    /**
     * How the job's namespace host name moves between the regions. {@code mode} geo-dr (the default): a Geo-DR alias,
     * {@code type} arm (resourceId of the secondary namespace's alias, on {@code armEndpoint}) or local (controlUrl).
     * {@code mode} geo-replication: one Geo-Replication namespace whose primary replica moves; {@code type} arm
     * (resourceId of the namespace, {@code primaryLocation} and {@code secondaryLocation} its replicas' Azure locations,
     * optional {@code apiVersion} and {@code gracePeriod} for planned promotions) or local (controlUrl; the locations are
     * the region names). In both, {@code name} labels the source (its uid) and {@code connectionString} is the host name's.
     */
    public record Alias(String type, String name, String resourceId, String armEndpoint, String controlUrl,
                        String connectionString, String bootstrap, Mode mode, GeoReplication geoReplication) {

        public static final String DEFAULT_ARM_ENDPOINT = "https://management.azure.com";

        /** The two ways Azure pairs namespaces across regions. */
        public enum Mode {
            GEO_DR("geo-dr"), GEO_REPLICATION("geo-replication");

            public final String key;

            Mode(String key) {
                this.key = key;
            }
        }

        /** A Geo-Replication namespace: its replicas' locations, and for ARM the api-version and a planned grace period. */
        public record GeoReplication(String primaryLocation, String secondaryLocation, String apiVersion, Duration gracePeriod) {

            /** The location of the replica in a region of the topology. */
            public String locationOf(Region r, Topology t) {
                return r.key().equals(t.primary().key()) ? primaryLocation : secondaryLocation;
            }
        }

        /** A Geo-DR alias, as before the mode existed. */
        public Alias(String type, String name, String resourceId, String armEndpoint, String controlUrl, String connectionString,
                     String bootstrap) {
            this(type, name, resourceId, armEndpoint, controlUrl, connectionString, bootstrap, Mode.GEO_DR, null);
        }

        public boolean geoReplicated() {
            return mode == Mode.GEO_REPLICATION;
        }

        /** How the alias names a partner when pairing: the namespace's resource id in ARM, the region name locally. */
        public String partnerOf(Region region) {
            return type.equals("arm") ? region.eventHubsResourceId() : region.name();
        }
    }

    /**
     * What to run in the secondary: the jar, its entry class, base arguments and parallelism, and where the job reads
     * the alias' connection string: a file or an environment variable of the JobManager (a mounted secret), so that
     * the secret is never a program argument (Flink shows those in its UI and REST API). Both null: the deprecated
     * way, the controller passes the alias' connection string as an argument.
     */
    public record JobSpec(String jar, String entryClass, List<String> args, int parallelism, String connectionStringFile,
                          String connectionStringEnv) {

        public JobSpec(String jar, String entryClass, List<String> args, int parallelism) {
            this(jar, entryClass, args, parallelism, null, null);
        }

        /** The value of a job option among the base arguments ({@code --key value}), or the job's default. */
        public String arg(String key, String defaultValue) {
            int i = args.indexOf(key);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : defaultValue;
        }
    }

    /** When to declare loss, how much loss to accept, and how often to take savepoints. */
    public record Policy(Duration maxRpo, Duration probeInterval, int failureThreshold, Duration savepointInterval,
                         int savepointRetention, Duration savepointMaxAge, io.github.fgf.controller.decide.LossRule lossRule,
                         boolean isolationCheck) {

        /** Without the partial-outage settings: the defaults (rule {@code region}, isolation check on). */
        public Policy(Duration maxRpo, Duration probeInterval, int failureThreshold, Duration savepointInterval,
                      int savepointRetention, Duration savepointMaxAge) {
            this(maxRpo, probeInterval, failureThreshold, savepointInterval, savepointRetention, savepointMaxAge,
                    io.github.fgf.controller.decide.LossRule.REGION, true);
        }

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
