package io.github.fgf.localregions.env;

import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.azurite.BlobContainers;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment.Region;
import io.github.fgf.localregions.flink.FlinkClusterLauncher;
import io.github.fgf.localregions.grs.GrsReplicatorDaemon;
import io.github.fgf.localregions.kafka.ConnectionStrings;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.PortPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An environment's configuration and its servers' commands, starting nothing: what {@code up} writes before it starts
 * the servers, what {@code compose-init} writes for docker-compose.yml, and the JVM each server runs as, whether
 * {@code up} starts it in the background or {@code run-service} in the foreground.
 */
public final class EnvironmentConfigurer {

    public static final String ALIAS_NAME = "fgf-alias";
    private static final List<String> SMALL_JVM = java.util.stream.Stream.concat(java.util.stream.Stream.of("-Xmx128m"),
            JvmLauncher.LIGHT_RUNTIME.stream()).toList();

    private final Path workDir;
    private final Path logDir;

    public EnvironmentConfigurer(Path workDir) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.logDir = this.workDir.resolve("logs");
    }

    /**
     * Writes environment.json and every server's configuration (brokers' server.properties, Flink's config.yaml) for
     * the given ports, with a new id and a new key, and starts nothing: {@code up}'s first step and compose-init's work.
     */
    public Environment configure(LocalRegionsOptions o, PortPlan ports, Environment.Azurite azurite) {
        // The id names the storage containers: unique, because environments may share one Azurite.
        return configure("fgf" + HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4)
                .putInt(new java.security.SecureRandom().nextInt()).array()).substring(0, 6), o, ports, azurite);
    }

    /** {@link #configure(LocalRegionsOptions, PortPlan, Environment.Azurite)} with a given id. */
    public Environment configure(String id, LocalRegionsOptions o, PortPlan ports, Environment.Azurite azurite) {
        String key = ConnectionStrings.newKey();
        String aliasHost = ALIAS_NAME + ConnectionStrings.DOMAIN;
        KafkaBrokerLauncher kafka = new KafkaBrokerLauncher(null, logDir);
        FlinkClusterLauncher flink = new FlinkClusterLauncher(null, logDir);
        Map<String, Region> regions = new LinkedHashMap<>();
        for (int i = 0; i < o.regions().size(); i++) {
            String name = o.regions().get(i);
            PortPlan.RegionPorts p = ports.region(i);
            Path dir = workDir.resolve("regions").resolve(name);
            String nsHost = "ns-" + name + ConnectionStrings.DOMAIN;
            Environment.Kafka k = kafka.configure(name, dir, ports.bindHost(), p.kafka(), p.kafkaController(),
                    p.kafkaAliasListener(), ports.alias(), ConnectionStrings.of(nsHost, key), List.of(nsHost, aliasHost));
            Environment.Flink f = o.flink() ? flink.configure(name, dir, ports.bindHost(), p.flinkRest(), p.flinkRpc(), o.taskSlots()) : null;
            regions.put(name, new Region(name, "ns-" + name, Environment.UP, k, f, storage(id, name, dir), null));
        }
        boolean geoReplication = o.eventHubs() == LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION;
        Environment.Alias alias = new Environment.Alias(ALIAS_NAME, aliasHost, "127.0.0.1:" + ports.alias(), ports.alias(),
                "http://127.0.0.1:" + ports.aliasControl(), ports.aliasControl(), ConnectionStrings.of(aliasHost, key), null,
                o.eventHubs().label, geoReplication ? o.replicationLag().toMillis() : 0,
                PortPlan.LOOPBACK.equals(ports.bindHost()) ? null : ports.bindHost());
        Environment env = new Environment(id, workDir.toString(), "starting", Instant.now().toString(),
                o.grsLag().toMillis(), azurite, alias, regions);
        writeAliasCredentials(regions);
        EnvironmentFile.write(EnvironmentFile.in(workDir), env);
        return env;
    }

    /** Each region's primary and GRS containers in Azurite (an existing one is kept). */
    public static void createContainers(Environment env) {
        BlobContainers blobs = BlobContainers.azurite();
        env.regions().values().forEach(r -> {
            blobs.create(r.storage().container());
            blobs.create(r.storage().secondaryContainer());
        });
    }

    /**
     * Every server of the environment as the JVM to run, by process name: the alias, then per region its broker, GRS
     * emulator and Flink JobManager and TaskManager. {@code up} starts these; {@code run-service} runs one of them.
     */
    public Map<String, JvmService> services(Environment env, LocalRegionsOptions o) {
        Map<String, JvmService> all = new LinkedHashMap<>();
        JvmService alias = aliasService(env.alias(), env.regions());
        all.put(alias.name(), alias);
        LocalRegionsOptions withLag = o.withGrsLag(Duration.ofMillis(env.grsLagMillis()));
        for (Region r : env.regions().values()) {
            List<JvmService> region = new ArrayList<>(List.of(KafkaBrokerLauncher.service(r.name(), r.kafka(), logDir),
                    replicatorService(r, withLag)));
            if (r.flink() != null) {
                region.add(FlinkClusterLauncher.jobManagerService(r.name(), r.flink(), logDir));
                region.add(FlinkClusterLauncher.taskManagerService(r.name(), r.flink(), logDir));
            }
            region.forEach(s -> all.put(s.name(), s));
        }
        return all;
    }

    public JvmService aliasService(Environment.Alias alias, Map<String, Region> regions) {
        return new JvmService("alias", SMALL_JVM, logDir.resolve("alias.log"), "io.github.fgf.localregions.alias.AliasDaemon",
                aliasArgs(alias, regions, workDir.resolve("alias-state.json")));
    }

    private static Environment.Storage storage(String id, String region, Path dir) {
        String container = id + "-" + region;
        String secondary = container + "-grs";
        String uri = "wasb://" + container + "@" + AzuriteServer.ACCOUNT + "/";
        return new Environment.Storage(container, uri, uri + "checkpoints", uri + "savepoints", secondary,
                "wasb://" + secondary + "@" + AzuriteServer.ACCOUNT + "/", dir.resolve("grs-status.json").toString());
    }

    private Path aliasCredentials() {
        return workDir.resolve("alias-credentials.properties");
    }

    /** Connection strings go to the alias through an owner-only file, never on a command line. */
    private void writeAliasCredentials(Map<String, Region> regions) {
        Path credentials = aliasCredentials();
        try {
            Files.deleteIfExists(credentials);
            Files.createFile(credentials, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            java.util.Properties p = new java.util.Properties();
            regions.values().forEach(r -> p.setProperty(r.name(), r.kafka().connectionString()));
            try (var w = Files.newBufferedWriter(credentials)) {
                p.store(w, "connection strings per region, for Geo-DR metadata replication");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads nothing and writes nothing: run-service computes it in several JVMs at once. */
    private List<String> aliasArgs(Environment.Alias alias, Map<String, Region> regions, Path stateFile) {
        Path credentials = aliasCredentials();
        List<String> args = new ArrayList<>();
        if (alias.geoReplication()) args.add("--geo-replication=" + alias.replicationLagMillis());
        if (alias.bindHost() != null) args.add("--bind-host=" + alias.bindHost());
        args.addAll(List.of(String.valueOf(alias.port()), String.valueOf(alias.controlPort()),
                stateFile.toString(), alias.name(), credentials.toString()));
        // <region>=<its own endpoint>/<the port of its alias listener>: the alias forwards to the latter, and replicates
        // metadata through the former (through the alias listener it would reach whichever region the alias points at).
        regions.values().forEach(r -> args.add(r.name() + "=" + r.kafka().bootstrap() + "/" + r.kafka().aliasTargetPort()));
        return args;
    }

    public JvmService replicatorService(Region r, LocalRegionsOptions o) {
        return new JvmService("grs-" + r.name(), SMALL_JVM, logDir.resolve("grs-" + r.name() + ".log"),
                GrsReplicatorDaemon.class.getName(), List.of(r.storage().container(), r.storage().secondaryContainer(),
                        String.valueOf(o.grsLag().toMillis()), String.valueOf(o.grsInterval().toMillis()),
                        r.storage().lastSyncTimeFile()));
    }
}
