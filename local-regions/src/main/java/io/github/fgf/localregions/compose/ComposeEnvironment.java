package io.github.fgf.localregions.compose;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentConfigurer;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.PortPlan;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.process.Waits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local environment as docker-compose.yml runs it: one container per server, all in Azurite's network namespace
 * (WASB emulator mode only ever talks to 127.0.0.1:10000), sharing one volume as the work directory. {@link #init}
 * writes that directory once; {@link #runService} runs one server in the foreground, with the very command
 * {@code bin/local-regions up} would start it with.
 */
public final class ComposeEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeEnvironment.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /**
     * The compose environment's id, which names its storage containers ({@code fgfcompose-primary}): fixed, since it has
     * an Azurite of its own, so that the storage URIs in its job config and topology are known before it starts.
     */
    public static final String ID = "fgfcompose";

    private final LocalRegions regions;
    private final EnvironmentConfigurer configurer;
    private final Path workDir;
    private final PortPlan ports;

    /** @param ports {@link PortPlan#COMPOSE}; a test may bind them to loopback only */
    public ComposeEnvironment(Path workDir, PortPlan ports) {
        this.workDir = workDir;
        this.ports = ports;
        this.regions = new LocalRegions(workDir);
        this.configurer = regions.configurer();
    }

    /**
     * environment.json and every server's configuration on the compose ports, and the storage containers. An
     * environment already there (the volume of an earlier {@code docker compose up}) is kept with its keys and data, as a
     * real deployment keeps its namespaces.
     */
    public Environment init(LocalRegionsOptions o) {
        Waits.until("Azurite on 127.0.0.1:" + AzuriteServer.PORT, null, o.startTimeout(), AzuriteServer::healthy);
        Optional<Environment> existing = EnvironmentFile.read(regions.environmentFile());
        Environment env;
        if (existing.isPresent()) {
            env = existing.get();
            if (!ID.equals(env.id())) {
                throw new LocalRegionsException(Reason.BAD_ARGUMENT, regions.environmentFile() + " holds environment " + env.id()
                        + ", not one compose-init wrote (" + ID + "); use an empty volume or work directory");
            }
            LOG.info("Keeping environment {} in {} with its keys, data and GRS lag of {} ms, because it exists already "
                    + "(remove the volume for a new one)", env.id(), workDir, env.grsLagMillis());
        } else {
            env = configurer.configure(ID, o, ports, Environment.Azurite.notOwned()).withState(Environment.UP);
            EnvironmentFile.write(regions.environmentFile(), env);
            LOG.info("Configured environment {} in {} for docker-compose, because there was none", env.id(), workDir);
        }
        EnvironmentConfigurer.createContainers(env);
        regions.writeConsoleLog4jConfig();
        return env;
    }

    /** Every server's JVM by name: the compose services that run {@code run-service}. */
    public Map<String, JvmService> services() {
        return configurer.services(regions.environment(), LocalRegionsOptions.defaults(workDir));
    }

    /**
     * Runs one server in the foreground until it exits, and returns its exit code. Stopped (SIGTERM), it stops the
     * server and waits up to 15 s for it; docker-compose.yml's stop_grace_period leaves it that long.
     */
    public int runService(String name) throws IOException, InterruptedException {
        Map<String, JvmService> all = services();
        JvmService service = all.get(name);
        if (service == null) {
            throw new LocalRegionsException(Reason.BAD_ARGUMENT, "unknown service '" + name + "'; expected one of " + all.keySet());
        }
        List<String> command = new JvmLauncher(regions.consoleLog4jConfig()).command(service);
        Process p = new ProcessBuilder(command).inheritIO().start();
        ProcessRef server = ProcessRef.of(name, p, service.logFile());
        // The container's stop signal ends this JVM: pass it on and wait, so that the broker and Flink shut down cleanly.
        Thread stop = new Thread(() -> server.stop(STOP_GRACE), "run-service-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        LOG.info("Running {} (pid {}) in the foreground, as bin/local-regions up would start it", name, p.pid());
        int exit = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it has stopped the server.
        }
        return exit;
    }
}
