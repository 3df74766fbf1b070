package io.github.fgf.localregions;

import io.github.fgf.localregions.LocalRegionsException.Reason;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.azurite.BlobContainers;
import io.github.fgf.localregions.azurite.BlobCopy;
import io.github.fgf.localregions.env.RegionJobs;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.Environment.Region;
import io.github.fgf.localregions.env.EnvironmentConfigurer;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.flink.FlinkClusterLauncher;
import io.github.fgf.localregions.grs.LastSyncTime;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.PortPlan;
import io.github.fgf.localregions.process.Parallel;
import io.github.fgf.localregions.process.Ports;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.process.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, inspects, breaks and stops the local two-region environment described by one
 * {@code environment.json} in a work directory. Every process it starts is recorded by pid and
 * start time, and only those are ever signalled.
 */
public final class LocalRegions {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRegions.class);
    public static final String ALIAS_NAME = EnvironmentConfigurer.ALIAS_NAME;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path workDir;
    private final Path envFile;
    private final Path logDir;
    private final EnvironmentConfigurer configurer;

    public LocalRegions(Path workDir) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.envFile = EnvironmentFile.in(this.workDir);
        this.logDir = this.workDir.resolve("logs");
        this.configurer = new EnvironmentConfigurer(this.workDir);
    }

    /** The environment's configuration and its servers' commands. */
    public EnvironmentConfigurer configurer() {
        return configurer;
    }

    public Path environmentFile() {
        return envFile;
    }

    public Environment environment() {
        return EnvironmentFile.require(envFile);
    }

    /** Starts both regions, the alias and the GRS emulators; on any failure stops what it started. */
    public Environment up(LocalRegionsOptions options) {
        EnvironmentFile.read(envFile).ifPresent(old -> {
            if (old.processes().stream().anyMatch(ProcessRef::alive)) {
                throw new LocalRegionsException(Reason.ALREADY_RUNNING, "an environment is already running in "
                        + workDir + "; run 'bin/local-regions down' first");
            }
        });
        JvmLauncher jvm = new JvmLauncher(writeLog4jConfig());
        for (int attempt = 1; ; attempt++) {
            try {
                return upOnce(options, jvm);
            } catch (LocalRegionsException e) {
                // Ports are drawn free and bound seconds later by the servers' JVMs; on a shared machine another
                // process can take one in between. Drawing a new set is the whole remedy.
                if (e.reason() != Reason.PORT_TAKEN || attempt == PORT_ATTEMPTS) throw e;
                LOG.info("Starting again with new ports (attempt {} of {}), because a server could not bind its port: {}",
                        attempt + 1, PORT_ATTEMPTS, e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static final int PORT_ATTEMPTS = 3;

    private Environment upOnce(LocalRegionsOptions options, JvmLauncher jvm) {
        List<ProcessRef> started = new CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> started.forEach(p -> p.kill(KILL_WAIT)), "local-regions-abort");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Environment env = start(options, jvm, started);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            return env;
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            LOG.info("Stopping the {} processes started so far, because start-up failed: {}", started.size(), e.getMessage());
            started.forEach(p -> p.kill(KILL_WAIT));
            throw e;
        }
    }

    private Environment start(LocalRegionsOptions o, JvmLauncher jvm, List<ProcessRef> started) {
        AzuriteServer.Started azurite = AzuriteServer.ensureRunning(workDir, o.startTimeout());
        azurite.process().ifPresent(started::add);
        if (o.aliasPort() != 0) requireFree(o.aliasPort(), "alias port");
        Environment env = configurer.configure(o, PortPlan.free(o.aliasPort(), o.regions().size()), new Environment.Azurite(
                AzuriteServer.BLOB_ENDPOINT, AzuriteServer.ACCOUNT, AzuriteServer.CONNECTION_STRING, azurite.owned(),
                azurite.process().orElse(null)));
        EnvironmentConfigurer.createContainers(env);

        // Regions start in parallel: on two cores the JVM start-ups overlap with each other's I/O waits.
        deleteAliasState();
        ProcessRef aliasProcess = jvm.start(configurer.aliasService(env.alias(), env.regions()));
        started.add(aliasProcess);
        Environment.Alias alias = env.alias().withProcess(aliasProcess);
        for (Region r : Parallel.all(env.regions().values().stream()
                .<java.util.function.Supplier<Region>>map(r -> () -> startRegion(r, o, jvm, started)).toList())) {
            env = env.withRegion(r);
        }
        env = new Environment(env.id(), env.workDir(), env.state(), env.createdAt(), env.grsLagMillis(), env.azurite(),
                alias, env.regions());
        EnvironmentFile.write(envFile, env);

        AliasClient aliasClient = new AliasClient(alias.controlUrl());
        Waits.until(alias.geoReplication() ? "Geo-Replication namespace" : "Geo-DR alias", aliasProcess, o.startTimeout(),
                () -> aliasClient.status() != null);
        for (Region r : env.regions().values()) {
            awaitRegion(r, o.startTimeout());
        }
        env = env.withState(Environment.UP);
        EnvironmentFile.write(envFile, env);
        LOG.info("Local environment {} is up in {}: alias {} -> region {}", env.id(), workDir, alias.bootstrap(), o.primary());
        return env;
    }

    /** A new alias process starts as its options say, not as an earlier one left it (a compose restart keeps it). */
    private void deleteAliasState() {
        try {
            Files.deleteIfExists(workDir.resolve("alias-state.json"));
            Files.deleteIfExists(workDir.resolve("georep-state.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Switches a running environment between a Geo-DR alias and a Geo-Replication namespace (or changes the replication
     * lag): only the alias process restarts, on the same ports, so that one environment serves the tests of both modes.
     */
    private Environment switchEventHubs(Environment env, LocalRegionsOptions.EventHubsPairing pairing, Duration lag, Duration timeout) {
        Environment.Alias old = env.alias();
        long lagMillis = pairing == LocalRegionsOptions.EventHubsPairing.GEO_REPLICATION ? lag.toMillis() : 0;
        if (pairing.label.equals(old.eventHubs() == null ? Environment.Alias.GEO_DR : old.eventHubs()) && lagMillis == old.replicationLagMillis()) {
            return env;
        }
        if (old.process() != null) old.process().stop(STOP_GRACE);
        Environment.Alias next = old.withPairing(pairing.label, lagMillis);
        deleteAliasState();
        ProcessRef p = new JvmLauncher(writeLog4jConfig()).start(configurer.aliasService(next, env.regions()));
        next = next.withProcess(p);
        env = new Environment(env.id(), env.workDir(), env.state(), env.createdAt(), env.grsLagMillis(), env.azurite(), next, env.regions());
        EnvironmentFile.write(envFile, env);
        AliasClient client = new AliasClient(next.controlUrl());
        Waits.until(next.geoReplication() ? "Geo-Replication namespace" : "Geo-DR alias", p, timeout, () -> client.status() != null);
        LOG.info("Event Hubs pairing of environment {} switched to {}{}: only the alias process restarted", env.id(), pairing.label,
                next.geoReplication() ? " (" + lagMillis + " ms behind)" : "");
        return env;
    }

    /** Starts one region's broker, replicator and Flink cluster (used by up and revive). */
    private Region startRegion(Region r, LocalRegionsOptions o, JvmLauncher jvm, List<ProcessRef> started) {
        ProcessRef broker = new KafkaBrokerLauncher(jvm, logDir).start(r.name(), r.kafka());
        started.add(broker);
        ProcessRef replicator = startReplicator(r, o, jvm);
        started.add(replicator);
        ProcessRef jm = null;
        ProcessRef tm = null;
        if (r.flink() != null) {
            FlinkClusterLauncher flink = new FlinkClusterLauncher(jvm, logDir);
            jm = flink.startJobManager(r.name(), r.flink());
            started.add(jm);
            tm = flink.startTaskManager(r.name(), r.flink());
            started.add(tm);
        }
        return r.withProcesses(broker, jm, tm, replicator).withState(Environment.UP);
    }

    private ProcessRef startReplicator(Region r, LocalRegionsOptions o, JvmLauncher jvm) {
        return jvm.start(configurer.replicatorService(r, o));
    }

    /**
     * Brings a used environment back to where {@link #up} leaves it, restarting only what must: killed regions are
     * revived (a TaskManager that died is restarted), every job is cancelled and its submission forgotten, each region's
     * storage is emptied with its GRS emulator restarted at {@code options.grsLag()}, the alias points at the first region
     * again, paired with the second, and every hub accepts sends. Kafka hubs and their records stay: give each scenario
     * hubs of its own. Far cheaper than down and up, so that one environment can serve many tests and drills.
     */
    public Environment reset(LocalRegionsOptions options) {
        return reset(options, false);
    }

    /**
     * {@link #reset(LocalRegionsOptions)}, and with {@code switchPairing} the Event Hubs pairing of the options too (a
     * Geo-DR alias or a Geo-Replication namespace, and its lag); without, the environment keeps the pairing it has.
     */
    public Environment reset(LocalRegionsOptions options, boolean switchPairing) {
        Environment env = environment();
        for (Region r : env.regions().values()) {
            if (Region.KILLED.equals(r.state())) {
                env = reviveRegion(r.name(), options);
            } else if (r.flink() != null && (r.flink().taskManager() == null || !r.flink().taskManager().alive())) {
                env = restartTaskManager(r.name(), options.startTimeout());
            }
        }
        for (Region r : env.regions().values()) {
            if (r.flink() != null) new FlinkJobs(r.flink().restUrl()).cancelAll(options.startTimeout());
            new RegionJobs(workDir, r.name()).write(List.of());
        }
        env = resetStorage(env, options);
        if (switchPairing) env = switchEventHubs(env, options.eventHubs(), options.replicationLag(), options.startTimeout());
        resetAlias(env, new AliasClient(env.alias().controlUrl()));
        LOG.info("Local environment {} reset: regions {} up, no jobs, empty storage with a GRS lag of {}, alias {} -> {}",
                env.id(), env.regions().keySet(), options.grsLag(), env.alias().bootstrap(), env.regions().keySet().iterator().next());
        return env;
    }

    /** Stops the GRS emulators, empties the containers they replicate, and starts them afresh with the given lag. */
    private Environment resetStorage(Environment env, LocalRegionsOptions o) {
        BlobContainers blobs = BlobContainers.azurite();
        JvmLauncher jvm = new JvmLauncher(writeLog4jConfig());
        for (Region r : env.regions().values()) {
            if (r.replicator() != null) r.replicator().stop(STOP_GRACE);
            for (String c : List.of(r.storage().container(), r.storage().secondaryContainer())) {
                blobs.delete(c);
                blobs.create(c);
            }
            blobs.delete(offlineContainer(r));
            try {
                Files.deleteIfExists(Path.of(r.storage().lastSyncTimeFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Region restarted = r.withProcesses(r.kafka().process(), r.flink() == null ? null : r.flink().jobManager(),
                    r.flink() == null ? null : r.flink().taskManager(), startReplicator(r, o, jvm));
            env = env.withRegion(restarted);
        }
        env = new Environment(env.id(), env.workDir(), env.state(), env.createdAt(), o.grsLag().toMillis(), env.azurite(),
                env.alias(), env.regions());
        EnvironmentFile.write(envFile, env);
        for (Region r : env.regions().values()) {
            Waits.until("GRS emulator of region " + r.name(), r.replicator(), o.startTimeout(),
                    () -> LastSyncTime.read(Path.of(r.storage().lastSyncTimeFile())).isPresent());
        }
        return env;
    }

    /** The alias back on the first region, paired with the second, every hub accepting sends. */
    private static void resetAlias(Environment env, AliasClient alias) {
        if (env.alias().geoReplication()) {
            alias.resetReplication();
            return;
        }
        List<String> names = List.copyOf(env.regions().keySet());
        String primary = names.get(0);
        String secondary = names.get(1);
        var s = alias.status();
        if (!s.activeRegion().equals(primary)) {
            if (!s.paired()) s = alias.pair(primary);
            s = alias.failover();
        }
        if (!secondary.equals(s.partnerRegion())) alias.pair(secondary);
        alias.disabledSends().forEach((region, hubs) -> hubs.forEach(hub -> alias.sends(region, hub, true)));
    }

    private static void awaitRegion(Region r, Duration timeout) {
        KafkaBrokerLauncher.awaitReady(r.name(), r.kafka(), r.kafka().process(), timeout);
        Waits.until("GRS emulator of region " + r.name(), r.replicator(), timeout,
                () -> LastSyncTime.read(Path.of(r.storage().lastSyncTimeFile())).isPresent());
        if (r.flink() != null) {
            FlinkClusterLauncher.awaitReady(r.name(), r.flink(), timeout);
        }
    }

    /** A power cut: SIGKILL the region's broker, Flink and replicator, then delete its primary container. */
    public Environment killRegion(String name) {
        Environment env = environment();
        Region r = env.region(name);
        Parallel.run(r.processes().stream().<Runnable>map(p -> () -> p.kill(KILL_WAIT)).toList());
        List<ProcessRef> survivors = r.processes().stream().filter(ProcessRef::alive).toList();
        if (!survivors.isEmpty()) {
            throw new LocalRegionsException(Reason.TIMEOUT, "region " + name + " still has live processes: " + survivors);
        }
        // The region's storage is out of reach, not gone: keep its data aside for a revive that brings it back.
        BlobContainers blobs = BlobContainers.azurite();
        String offline = offlineContainer(r);
        blobs.delete(offline);
        blobs.create(offline);
        int kept = BlobCopy.copyAll(blobs.container(r.storage().container()), blobs.container(offline));
        blobs.delete(r.storage().container());
        env = env.withRegion(r.withState(Region.KILLED));
        EnvironmentFile.write(envFile, env);
        LOG.info("Killed region {}: SIGKILLed {} processes and deleted container {} ({} blobs kept aside), as a regional outage would",
                name, r.processes().size(), r.storage().container(), kept);
        return env;
    }

    /** The outage ends: the broker comes back with its data, Flink and the replicator restart, the container is recreated empty. */
    public Environment reviveRegion(String name, LocalRegionsOptions o) {
        return reviveRegion(name, o, false);
    }

    private static String offlineContainer(Region r) {
        return r.storage().container() + "-offline";
    }

    /**
     * The outage ends. With {@code asFlinkHa}, as a region with Flink HA comes back: its storage returns with the
     * data it had at the kill, and every job submitted there restarts from its latest retained checkpoint.
     */
    public Environment reviveRegion(String name, LocalRegionsOptions o, boolean asFlinkHa) {
        Environment env = environment();
        Region r = env.region(name);
        if (r.processes().stream().anyMatch(ProcessRef::alive)) {
            throw new LocalRegionsException(Reason.ALREADY_RUNNING, "region " + name + " is running; kill-region it first");
        }
        requireFree(r.kafka().port(), "Kafka port of region " + name);
        if (r.kafka().aliasListenerPort() != 0) requireFree(r.kafka().aliasListenerPort(), "Kafka alias listener port of region " + name);
        requireFree(r.kafka().controllerPort(), "Kafka controller port of region " + name);
        if (r.flink() != null) {
            requireFree(r.flink().restPort(), "Flink REST port of region " + name);
            requireFree(r.flink().rpcPort(), "Flink RPC port of region " + name);
        }
        BlobContainers blobs = BlobContainers.azurite();
        blobs.create(r.storage().container());
        JvmLauncher jvm = new JvmLauncher(writeLog4jConfig());
        List<ProcessRef> started = new CopyOnWriteArrayList<>();
        LocalRegionsOptions withLag = o.withGrsLag(Duration.ofMillis(env.grsLagMillis()));
        try {
            Region revived = startRegion(r, withLag, jvm, started);
            env = env.withRegion(revived);
            EnvironmentFile.write(envFile, env);
            // While the JVMs start (nothing reads the storage before the jobs restart below): the copy and the start-ups
            // take seconds each on two cores, one after the other they added up in every revive.
            if (asFlinkHa && blobs.exists(offlineContainer(r))) {
                int restored = BlobCopy.copyAll(blobs.container(offlineContainer(r)), blobs.container(r.storage().container()));
                LOG.info("Region {} storage is back with its {} blobs, as after a real outage", name, restored);
            }
            awaitRegion(revived, o.startTimeout());
        } catch (RuntimeException e) {
            started.forEach(p -> p.kill(KILL_WAIT));
            // Still a killed region: a later reset must revive it again, not take it for up.
            EnvironmentFile.write(envFile, environment().withRegion(r));
            throw e;
        }
        LOG.info("Revived region {}: broker back on {} with its data directory {}", name, r.kafka().bootstrap(),
                r.kafka().dataDir());
        if (asFlinkHa) restartJobs(env.region(name));
        return env;
    }

    /** As Flink HA does after a JobManager failure: each recorded job again, from its latest retained checkpoint. */
    private void restartJobs(Region r) {
        RegionJobs jobs = new RegionJobs(workDir, r.name());
        FlinkJobs flink = new FlinkJobs(r.flink().restUrl());
        List<RegionJobs.SubmittedJob> restarted = new ArrayList<>();
        for (RegionJobs.SubmittedJob j : jobs.read()) {
            String checkpoint = latestCheckpoint(r, j);
            try {
                String id = flink.run(flink.upload(Path.of(j.jar())), j.entryClass(), j.args(), checkpoint, false, j.parallelism());
                restarted.add(new RegionJobs.SubmittedJob(id, j.jar(), j.entryClass(), j.args(), j.parallelism()));
                LOG.info("Restarted job {} in region {} as {} from {}, as Flink HA would", j.jobId(), r.name(), id,
                        checkpoint == null ? "scratch (no retained checkpoint)" : checkpoint);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        jobs.write(restarted);
    }

    /** The newest {@code chk-N} with a {@code _metadata} under the job's checkpoint directory in the region's container. */
    private static String latestCheckpoint(Region r, RegionJobs.SubmittedJob j) {
        String dir = j.arg("--storage.checkpoints");
        String base = "wasb://" + r.storage().container() + "@" + AzuriteServer.ACCOUNT + "/";
        if (dir == null || !dir.startsWith(base)) return null;
        String prefix = dir.substring(base.length()).replaceAll("/+$", "") + "/" + j.jobId() + "/chk-";
        long newest = -1;
        for (var item : BlobContainers.azurite().container(r.storage().container()).listBlobs(
                new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(prefix), null)) {
            String rest = item.getName().substring(prefix.length());
            // Only a completed checkpoint, as Flink HA's checkpoint store knows them: WASB creates an empty _metadata blob
            // when the write starts, and a kill during that write leaves it empty (a restore from it fails with EOF).
            boolean written = item.getProperties() != null && item.getProperties().getContentLength() != null
                    && item.getProperties().getContentLength() > 0;
            if (rest.endsWith("/_metadata") && written) newest = Math.max(newest, Long.parseLong(rest.substring(0, rest.indexOf('/'))));
        }
        return newest < 0 ? null : base + prefix.substring(0, prefix.length()) + newest;
    }

    /** Uploads a jar to a region's cluster and runs it, recording the submission for {@link #reviveRegion}'s HA mode. */
    public String submitJob(String region, Path jar, String entryClass, List<String> args, int parallelism) throws IOException {
        Region r = environment().region(region);
        FlinkJobs flink = new FlinkJobs(r.flink().restUrl());
        String id = flink.run(flink.upload(jar), entryClass, args, null, false, parallelism);
        new RegionJobs(workDir, region).add(new RegionJobs.SubmittedJob(id, jar.toAbsolutePath().toString(), entryClass,
                List.copyOf(args), parallelism));
        return id;
    }

    /**
     * Starts a new TaskManager for a region whose TaskManager died, as a supervisor would; the
     * JobManager then restarts its jobs from their latest checkpoint.
     */
    public Environment restartTaskManager(String name, Duration timeout) {
        Environment env = environment();
        Region r = env.region(name);
        if (r.flink().taskManager() != null && r.flink().taskManager().alive()) {
            throw new LocalRegionsException(Reason.ALREADY_RUNNING, "the TaskManager of region " + name + " is running");
        }
        ProcessRef tm = new FlinkClusterLauncher(new JvmLauncher(writeLog4jConfig()), logDir).startTaskManager(name, r.flink());
        Region updated = r.withProcesses(r.kafka().process(), r.flink().jobManager(), tm, r.replicator());
        env = env.withRegion(updated);
        EnvironmentFile.write(envFile, env);
        FlinkClusterLauncher.awaitReady(name, updated.flink(), timeout);
        LOG.info("Restarted the TaskManager of region {} (pid {}) because the previous one had died", name, tm.pid());
        return env;
    }

    /** Stops every process this environment started (Azurite only if it started it). */
    public Environment down() {
        Environment env = environment();
        Parallel.run(env.processes().stream().<Runnable>map(p -> () -> p.stop(STOP_GRACE)).toList());
        if (env.azurite() != null && !env.azurite().owned() && AzuriteServer.healthy()) {
            // A shared Azurite outlives us: leave it as we found it.
            BlobContainers blobs = BlobContainers.azurite();
            env.regions().values().forEach(r -> {
                blobs.delete(r.storage().container());
                blobs.delete(r.storage().secondaryContainer());
                blobs.delete(offlineContainer(r));
            });
        }
        env = env.withState(Environment.DOWN);
        EnvironmentFile.write(envFile, env);
        LOG.info("Local environment {} is down: stopped {} processes", env.id(), env.processes().size());
        return env;
    }

    private static void requireFree(int port, String what) {
        if (Ports.listening(port)) {
            throw new LocalRegionsException(Reason.PORT_IN_USE, what + " 127.0.0.1:" + port
                    + " is in use by another process; stop it or choose another port");
        }
    }

    private Path writeLog4jConfig() {
        return writeLog4jConfig("fgf-log4j2.properties", "log4j2.properties");
    }

    /**
     * Writes the log4j configuration of a server run in the foreground (to stdout, where a container's logs are read),
     * once, before any run-service reads it: a copy replaces the file non-atomically.
     */
    public Path writeConsoleLog4jConfig() {
        return writeLog4jConfig("fgf-log4j2-console.properties", CONSOLE_LOG4J);
    }

    /** Where {@link #writeConsoleLog4jConfig()} wrote it. */
    public Path consoleLog4jConfig() {
        return workDir.resolve("conf").resolve(CONSOLE_LOG4J);
    }

    private static final String CONSOLE_LOG4J = "log4j2-console.properties";

    private Path writeLog4jConfig(String resource, String name) {
        Path target = workDir.resolve("conf").resolve(name);
        try (InputStream in = LocalRegions.class.getResourceAsStream("/" + resource)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
