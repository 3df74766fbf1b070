package io.github.fgf.localregions.kafka;

import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.process.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Event Hubs namespace: a combined broker+controller KRaft node in its own JVM. */
public final class KafkaBrokerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerLauncher.class);
    private static final List<String> BROKER_JVM = java.util.stream.Stream.concat(java.util.stream.Stream.of("-Xms256m", "-Xmx512m"),
            JvmLauncher.LIGHT_RUNTIME.stream()).toList();

    private final JvmLauncher jvm;
    private final Path logDir;

    public KafkaBrokerLauncher(JvmLauncher jvm, Path logDir) {
        this.jvm = jvm;
        this.logDir = logDir;
    }

    /**
     * Writes server.properties for a new namespace; the data directory is formatted on first start.
     *
     * @param aliasListenerPort the listener the alias forwards to; it advertises the alias itself ({@code aliasPort}), so
     *     a client that came through the alias keeps every connection on the alias, and a connection it opens again
     *     goes wherever the alias points by then, as a DNS name does. The other listener ({@code port}) is the
     *     namespace's own endpoint
     * @param bindHost where the client listeners bind (a container's published ports arrive on its interface, not on
     *     loopback); they advertise 127.0.0.1 either way, and the KRaft controller listener never leaves loopback
     */
    public Environment.Kafka configure(String region, Path regionDir, String bindHost, int port, int controllerPort,
                                       int aliasListenerPort, int aliasPort, String connectionString, List<String> acceptedHosts) {
        Path dataDir = regionDir.resolve("kafka-data");
        Path config = regionDir.resolve("server.properties");
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "SASL_PLAINTEXT://" + bindHost + ":" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                + ",ALIAS://" + bindHost + ":" + aliasListenerPort);
        p.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",ALIAS://127.0.0.1:" + aliasPort);
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,ALIAS:SASL_PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        // A revived broker registers anew while its controller (the same process) still holds the killed broker's
        // session, refusing it with DUPLICATE_BROKER_REGISTRATION until that session times out: 9 s of every revive at
        // the defaults (seen in the drill's revive). Heartbeats never leave the process, but a GC pause or a CPU stall on
        // two loaded cores could outlast a very short session and fence the broker itself: 4 heartbeats' worth.
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("broker.session.timeout.ms", "4000");
        p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        // Kafka's JAAS parser takes '$' as part of a word, so $ConnectionString needs no escaping.
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + EventHubsPlainCallbackHandler.USERNAME + "\" password=\"" + connectionString + "\" "
                        + EventHubsPlainCallbackHandler.ACCEPTED_HOSTS + "=\"" + String.join(",", acceptedHosts) + "\";");
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.server.callback.handler.class",
                EventHubsPlainCallbackHandler.class.getName());
        p.setProperty("listener.name.alias.plain.sasl.jaas.config", p.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config"));
        p.setProperty("listener.name.alias.plain.sasl.server.callback.handler.class", EventHubsPlainCallbackHandler.class.getName());
        p.setProperty("log.dirs", dataDir.toString());
        p.setProperty("num.partitions", "4");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        // The default 50 partitions made the first transactional producer (an exactly-once job restored into this
        // region) wait for them to be created: on a loaded 2-core machine past the controller's verify timeout.
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        // Event Hubs' Kafka endpoint stamps every record with its enqueue time and ignores the producer's.
        p.setProperty("log.message.timestamp.type", "LogAppendTime");
        // Event Hubs keeps events for the retention period; a day is plenty for tests and drills.
        p.setProperty("log.retention.hours", "24");
        try {
            Files.createDirectories(regionDir);
            try (var w = Files.newBufferedWriter(config)) {
                p.store(w, "Event Hubs namespace '" + region + "' (local Kafka broker)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Environment.Kafka("127.0.0.1:" + port, port, controllerPort, connectionString, dataDir.toString(),
                config.toString(), null, aliasListenerPort);
    }

    /** Starts the broker, which formats its storage first if needed (see {@link BrokerMain}); revive reuses the data directory. */
    public ProcessRef start(String region, Environment.Kafka kafka) {
        ProcessRef ref = jvm.start(service(region, kafka, logDir));
        LOG.info("Started the Kafka broker of region {} (pid {}) on {}", region, ref.pid(), kafka.bootstrap());
        return ref;
    }

    /** The broker's JVM: it formats its storage first if needed (see {@link BrokerMain}). */
    public static JvmService service(String region, Environment.Kafka kafka, Path logDir) {
        return new JvmService("kafka-" + region, BROKER_JVM, logDir.resolve("kafka-" + region + ".log"),
                BrokerMain.class.getName(), List.of(kafka.configFile(), kafka.dataDir()));
    }

    public static void awaitReady(String region, Environment.Kafka kafka, ProcessRef process, Duration timeout) {
        Waits.until("Kafka broker of region " + region, process, timeout, () -> describeCluster(kafka));
    }

    private static boolean describeCluster(Environment.Kafka kafka) {
        Admin admin = Admin.create(clientProperties(kafka.bootstrap(), kafka.connectionString()));
        try {
            return !admin.describeCluster().nodes().get(5, java.util.concurrent.TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        } finally {
            // An admin client asked while the broker was still starting once hung in close() for minutes: bound it.
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Client properties for this environment: SASL_PLAINTEXT PLAIN with {@code $ConnectionString}. */
    public static Properties clientProperties(String bootstrap, String connectionString) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty("security.protocol", "SASL_PLAINTEXT");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + EventHubsPlainCallbackHandler.USERNAME + "\" password=\"" + connectionString + "\";");
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }
}
