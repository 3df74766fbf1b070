package io.github.fgf.localregions.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.azurite.BlobContainers;
import io.github.fgf.localregions.cli.LocalRegionsCli;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentConfigurer;
import io.github.fgf.localregions.flink.FlinkClusterLauncher;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.grs.LastSyncTime;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.PortPlan;
import io.github.fgf.localregions.process.Ports;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.process.Waits;
import io.github.fgf.localregions.testing.CheckpointingProbeJob;
import io.github.fgf.localregions.testing.KafkaTestClients;
import io.github.fgf.localregions.testing.TestJars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml's servers without Docker (no engine runs here): compose-init's work, then one {@code run-service}
 * JVM per server, as the compose services run them. On this machine they share loopback, as the containers share
 * Azurite's network namespace, on the compose file's fixed ports, bound to loopback only (the containers bind every
 * interface of their own namespace; here that would be the machine's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeServicesITCase {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    @TempDir static Path workDir;
    @TempDir static Path jarDir;
    static Optional<ProcessRef> azurite = Optional.empty();
    static final Map<String, ProcessRef> services = new LinkedHashMap<>();
    /** The servers under the run-service processes, recorded while they run: what to stop if a run-service leaves one. */
    static final List<ProcessHandle> servers = new ArrayList<>();
    static Environment env;
    static final PortPlan PORTS = PortPlan.COMPOSE.onLoopback();

    @BeforeAll
    static void composeUp() {
        for (int port : PORTS.all()) {
            assertFalse(Ports.listening(port), "port " + port + " of the compose plan is taken on this machine");
        }
        azurite = AzuriteServer.ensureRunning(workDir, TIMEOUT).process();
        env = new ComposeEnvironment(workDir, PORTS).init(LocalRegionsOptions.defaults(workDir));
        LocalRegions regions = new LocalRegions(workDir);
        JvmLauncher jvm = new JvmLauncher(regions.consoleLog4jConfig());
        for (String name : new ComposeEnvironment(workDir, PORTS).services().keySet()) {
            Path log = workDir.resolve("logs/run-service-" + name + ".log");
            services.put(name, JvmLauncher.startCommand("run-service-" + name, jvm.command(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"),
                    log, LocalRegionsCli.class.getName(), List.of("run-service", "--work-dir", workDir.toString(), name)), log));
        }
        AliasClient alias = new AliasClient(env.alias().controlUrl());
        Waits.until("alias", services.get("alias"), TIMEOUT, () -> alias.status() != null);
        for (Environment.Region r : env.regions().values()) {
            KafkaBrokerLauncher.awaitReady(r.name(), r.kafka(), services.get("kafka-" + r.name()), TIMEOUT);
            Waits.until("GRS emulator " + r.name(), services.get("grs-" + r.name()), TIMEOUT,
                    () -> LastSyncTime.read(Path.of(r.storage().lastSyncTimeFile())).isPresent());
            // With the run-service processes: one that dies fails the wait at once.
            FlinkClusterLauncher.awaitReady(r.name(), r.flink().withProcesses(services.get("flink-jobmanager-" + r.name()),
                    services.get("flink-taskmanager-" + r.name())), TIMEOUT);
        }
        services.values().forEach(s -> s.handle().ifPresent(h -> h.children().forEach(servers::add)));
        assertEquals(services.size(), servers.size(), "one server under each run-service");
    }

    @AfterAll
    static void composeDown() {
        services.values().forEach(s -> s.kill(Duration.ofSeconds(5)));
        // What a failed test may leave: a server its run-service did not stop (the handles keep their start times).
        servers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (AzuriteServer.healthy()) {
            BlobContainers blobs = BlobContainers.azurite();
            env.regions().values().forEach(r -> {
                blobs.delete(r.storage().container());
                blobs.delete(r.storage().secondaryContainer());
            });
        }
        azurite.ifPresent(a -> a.kill(Duration.ofSeconds(5)));
    }

    @Test
    @Order(1)
    void clientsOnTheAliasPortReachThePrimaryNamespace() throws Exception {
        assertEquals("127.0.0.1:" + PortPlan.COMPOSE.alias(), env.alias().bootstrap());
        List<String> sent = IntStream.range(0, 20).mapToObj(i -> "compose-" + i).toList();
        KafkaTestClients.produce(env.alias().bootstrap(), env.alias().connectionString(), "compose-hub", sent);
        List<String> received = KafkaTestClients.consume(env.alias().bootstrap(), env.alias().connectionString(), "compose-hub",
                sent.size(), Duration.ofSeconds(30));
        assertEquals(new HashSet<>(sent), new HashSet<>(received));
        Environment.Region primary = env.region("primary");
        assertEquals(sent.size(), KafkaTestClients.recordCount(primary.kafka().bootstrap(), primary.kafka().connectionString(), "compose-hub"));
    }

    @Test
    @Order(2)
    void anotherInitKeepsTheEnvironmentAndItsKeys() {
        // A second `docker compose up` on the same volume: the namespaces' keys and data stay.
        Result again = cli("compose-init", "--work-dir", workDir.toString());
        assertEquals(LocalRegionsCli.OK, again.exit(), again.err());
        assertEquals(env, new LocalRegions(workDir).environment());
    }

    @Test
    @Order(2)
    void initRefusesAWorkDirectoryOfAnotherEnvironment(@TempDir Path other) {
        new EnvironmentConfigurer(other).configure(LocalRegionsOptions.defaults(other), PortPlan.free(0, 2), Environment.Azurite.notOwned());
        Result r = cli("compose-init", "--work-dir", other.toString());
        assertEquals(LocalRegionsCli.USAGE, r.exit());
        assertTrue(r.err().startsWith("local-regions: " + other.resolve("environment.json") + " holds environment fgf"), r.err());
        assertTrue(r.err().strip().endsWith("not one compose-init wrote (fgfcompose); use an empty volume or work directory"), r.err());
    }

    @Test
    @Order(3)
    void theJobServiceSubmitsOnceAcrossUps() throws Exception {
        Path jar = TestJars.jarOf(CheckpointingProbeJob.class, jarDir);
        List<String> submit = List.of("submit-job", "--work-dir", workDir.toString(), "--unless-running", "--jar", jar.toString(),
                "--entry-class", CheckpointingProbeJob.class.getName(), "--", "{region.checkpoints}");
        // No job runs yet: the secondary is skipped only because the alias points at the primary (as after a failover
        // the old primary would be: a down/up then must not start a job there).
        List<String> toSecondary = new ArrayList<>(submit);
        toSecondary.addAll(1, List.of("--region", "secondary"));
        Result elsewhere = cli(toSecondary.toArray(String[]::new));
        assertEquals(LocalRegionsCli.OK, elsewhere.exit(), elsewhere.err());
        assertEquals("Not submitting: the alias points at region primary, not secondary (after a failover; fail back first)",
                elsewhere.out().strip());
        assertEquals(List.of(), new FlinkJobs(env.region("secondary").flink().restUrl()).jobs());
        Result first = cli(submit.toArray(String[]::new));
        assertEquals(LocalRegionsCli.OK, first.exit(), first.err());
        assertTrue(first.out().startsWith("Submitted job "), first.out());
        Result again = cli(submit.toArray(String[]::new));
        assertEquals(LocalRegionsCli.OK, again.exit(), again.err());
        assertTrue(again.out().startsWith("Not submitting: job "), again.out());
        FlinkJobs primary = new FlinkJobs(env.region("primary").flink().restUrl());
        assertEquals(1, primary.jobs().stream().filter(j -> !j.terminal()).count(), primary.jobs().toString());
        primary.cancelAll(TIMEOUT);
    }

    @Test
    @Order(4)
    void stoppingARunServiceStopsItsServer() {
        // As `docker compose stop` does: SIGTERM to the container's process, which passes it on and waits.
        List<Integer> ports = new ArrayList<>();
        env.regions().values().forEach(r -> {
            ports.add(r.kafka().port());
            ports.add(r.flink().restPort());
        });
        ports.add(env.alias().port());
        services.values().forEach(s -> s.stop(Duration.ofSeconds(30)));
        services.forEach((name, s) -> assertFalse(s.alive(), name + " still runs"));
        // A server orphaned by its run-service would still hold its port.
        Waits.until("the servers' ports to close", null, Duration.ofSeconds(10), () -> ports.stream().noneMatch(Ports::listening));
        servers.forEach(h -> assertFalse(h.isAlive(), "server pid " + h.pid() + " outlived its run-service"));
    }

    record Result(int exit, String out, String err) {}

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LocalRegionsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
