package io.github.fgf.localregions.env;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.fgf.localregions.process.ProcessRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running local environment as tests, the controller and drills see it: endpoints, ports,
 * connection strings, container URIs and the pids of every process it started.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Environment(
        String id,
        String workDir,
        String state,
        String createdAt,
        long grsLagMillis,
        Azurite azurite,
        Alias alias,
        Map<String, Region> regions) {

    public static final String UP = "up";
    public static final String DOWN = "down";

    /** Azurite blob; {@code owned} says whether this environment started it (and may stop it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Azurite(String blobEndpoint, String accountName, String connectionString, boolean owned, ProcessRef process) {

        /** An Azurite on 127.0.0.1:10000 that this environment did not start (docker-compose.yml's, a shared one). */
        public static Azurite notOwned() {
            return new Azurite(io.github.fgf.localregions.azurite.AzuriteServer.BLOB_ENDPOINT,
                    io.github.fgf.localregions.azurite.AzuriteServer.ACCOUNT,
                    io.github.fgf.localregions.azurite.AzuriteServer.CONNECTION_STRING, false, null);
        }
    }

    /** The Geo-DR alias: a TCP forwarder plus its control API. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alias(String name, String host, String bootstrap, int port, String controlUrl, int controlPort,
                        String connectionString, ProcessRef process, String eventHubs, long replicationLagMillis,
                        String bindHost) {

        /** Listening on loopback, as every environment written before compose-init existed. */
        public Alias(String name, String host, String bootstrap, int port, String controlUrl, int controlPort,
                     String connectionString, ProcessRef process, String eventHubs, long replicationLagMillis) {
            this(name, host, bootstrap, port, controlUrl, controlPort, connectionString, process, eventHubs, replicationLagMillis, null);
        }

        /** Geo-DR, as every environment written before the Geo-Replication mode existed. */
        public Alias(String name, String host, String bootstrap, int port, String controlUrl, int controlPort,
                     String connectionString, ProcessRef process) {
            this(name, host, bootstrap, port, controlUrl, controlPort, connectionString, process, GEO_DR, 0);
        }

        public static final String GEO_DR = "geo-dr";
        public static final String GEO_REPLICATION = "geo-replication";

        /** The host name is a Geo-Replication namespace's (data replicated) rather than a Geo-DR alias' (metadata only). */
        public boolean geoReplication() {
            return GEO_REPLICATION.equals(eventHubs);
        }

        public Alias withProcess(ProcessRef p) {
            return new Alias(name, host, bootstrap, port, controlUrl, controlPort, connectionString, p, eventHubs, replicationLagMillis,
                    bindHost);
        }

        /** The same alias in another Event Hubs pairing mode, not running. */
        public Alias withPairing(String mode, long lagMillis) {
            return new Alias(name, host, bootstrap, port, controlUrl, controlPort, connectionString, null, mode, lagMillis, bindHost);
        }

    }

    /** One region: its Event Hubs namespace (a broker), Flink session cluster and GRS storage. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Region(String name, String namespace, String state, Kafka kafka, Flink flink, Storage storage,
                         ProcessRef replicator) {
        public static final String KILLED = "killed";

        public Region withState(String s) {
            return new Region(name, namespace, s, kafka, flink, storage, replicator);
        }

        public Region withProcesses(ProcessRef broker, ProcessRef jobManager, ProcessRef taskManager, ProcessRef repl) {
            return new Region(name, namespace, state, kafka.withProcess(broker),
                    flink == null ? null : flink.withProcesses(jobManager, taskManager), storage, repl);
        }

        public List<ProcessRef> processes() {
            List<ProcessRef> all = new ArrayList<>();
            if (kafka != null) all.add(kafka.process());
            if (flink != null) {
                all.add(flink.jobManager());
                all.add(flink.taskManager());
            }
            all.add(replicator);
            all.removeIf(java.util.Objects::isNull);
            return all;
        }
    }

    /** A namespace's Kafka endpoint: SASL_PLAINTEXT PLAIN, username {@code $ConnectionString}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Kafka(String bootstrap, int port, int controllerPort, String connectionString, String dataDir,
                       String configFile, ProcessRef process, int aliasListenerPort) {
        /** Without the alias listener (an environment file of an older version; its alias forwards to {@code port}). */
        public Kafka(String bootstrap, int port, int controllerPort, String connectionString, String dataDir, String configFile,
                     ProcessRef process) {
            this(bootstrap, port, controllerPort, connectionString, dataDir, configFile, process, 0);
        }

        public Kafka withProcess(ProcessRef p) {
            return new Kafka(bootstrap, port, controllerPort, connectionString, dataDir, configFile, p, aliasListenerPort);
        }

        /** Where the alias forwards to: the alias listener. */
        public int aliasTargetPort() {
            return aliasListenerPort == 0 ? port : aliasListenerPort;
        }
    }

    /** A Flink session cluster: one JobManager and one TaskManager process. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Flink(String restUrl, int restPort, int rpcPort, String configDir, ProcessRef jobManager,
                        ProcessRef taskManager) {
        public Flink withProcesses(ProcessRef jm, ProcessRef tm) {
            return new Flink(restUrl, restPort, rpcPort, configDir, jm, tm);
        }
    }

    /**
     * A region's storage account: its primary container and the GRS copy standing for the
     * account's read-only secondary endpoint, with the Last Sync Time the emulator publishes.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Storage(String container, String uri, String checkpointsUri, String savepointsUri,
                          String secondaryContainer, String secondaryUri, String lastSyncTimeFile) {}

    public Region region(String name) {
        Region r = regions.get(name);
        if (r == null) {
            throw new io.github.fgf.localregions.LocalRegionsException(
                    io.github.fgf.localregions.LocalRegionsException.Reason.BAD_ARGUMENT,
                    "unknown region '" + name + "'; expected one of " + regions.keySet());
        }
        return r;
    }

    public Environment withRegion(Region region) {
        Map<String, Region> copy = new LinkedHashMap<>(regions);
        copy.put(region.name(), region);
        return new Environment(id, workDir, state, createdAt, grsLagMillis, azurite, alias, copy);
    }

    public Environment withState(String s) {
        return new Environment(id, workDir, s, createdAt, grsLagMillis, azurite, alias, regions);
    }

    /** Every process this environment started, Azurite only if it owns it. */
    public List<ProcessRef> processes() {
        List<ProcessRef> all = new ArrayList<>();
        regions.values().forEach(r -> all.addAll(r.processes()));
        if (alias != null && alias.process() != null) all.add(alias.process());
        if (azurite != null && azurite.owned() && azurite.process() != null) all.add(azurite.process());
        return all;
    }
}
