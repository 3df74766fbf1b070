package io.github.fgf.localregions.compose;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.PortPlan;
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
    private final Path workDir;

    public ComposeEnvironment(Path workDir) {
        this.workDir = workDir;
        this.regions = new LocalRegions(workDir);
    }

    /**
     * environment.json and every server's configuration on {@link PortPlan#COMPOSE}, and the storage containers. An
     * environment already there (the volume of an earlier {@code docker compose up}) is kept with its keys and data, as a
     * real deployment keeps its namespaces.
     */
    public Environment init(LocalRegionsOptions o) {
        Waits.until("Azurite on 127.0.0.1:" + AzuriteServer.PORT, null, o.startTimeout(), AzuriteServer::healthy);
        Optional<Environment> existing = EnvironmentFile.read(regions.environmentFile());
        Environment env;
        if (existing.isPresent()) {
            env = existing.get();
            if (env.alias().port() != PortPlan.COMPOSE.alias()) {
                throw new LocalRegionsException(Reason.BAD_ARGUMENT, regions.environmentFile() + " was not written by compose-init"
                        + " (its alias is on port " + env.alias().port() + "); use an empty volume");
            }
            LOG.info("Keeping environment {} in {} with its keys and data, because it exists already (remove the volume for a new one)",
                    env.id(), workDir);
        } else {
            env = regions.configure(ID, o, PortPlan.COMPOSE, new Environment.Azurite(AzuriteServer.BLOB_ENDPOINT,
                    AzuriteServer.ACCOUNT, AzuriteServer.CONNECTION_STRING, false, null)).withState(Environment.UP);
            EnvironmentFile.write(regions.environmentFile(), env);
            LOG.info("Configured environment {} in {} for docker-compose, because there was none", env.id(), workDir);
        }
        LocalRegions.createContainers(env);
        regions.writeConsoleLog4jConfig();
        return env;
    }

    /** Every server's JVM by name: the compose services that run {@code run-service}. */
    public Map<String, JvmService> services() {
        return regions.services(regions.environment(), LocalRegionsOptions.defaults(workDir));
    }

    /**
     * Runs one server in the foreground until it exits, and returns its exit code. The container's stop signal reaches
     * this JVM; it passes it on and waits, so that the broker and Flink shut down cleanly.
     */
    public int runService(String name) throws IOException, InterruptedException {
        Map<String, JvmService> all = services();
        JvmService service = all.get(name);
        if (service == null) {
            throw new LocalRegionsException(Reason.BAD_ARGUMENT, "unknown service '" + name + "'; expected one of " + all.keySet());
        }
        List<String> command = new JvmLauncher(regions.consoleLog4jConfig()).command(service);
        Process p = new ProcessBuilder(command).inheritIO().start();
        Thread stop = new Thread(() -> stop(p), "run-service-stop");
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

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
