package io.github.fgf.localregions.shared;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.ProcessRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local environment for the integration tests of a whole build, across its modules: the first scenario of the
 * build brings it up, every later one (in this module or the next) adopts it and {@link LocalRegions#reset resets} it,
 * and a {@link SharedEnvironmentReaper reaper} stops it when the build ends. On two cores an up and a down cost some
 * 40 s of JVM start-ups and shutdowns per module; a reset costs seconds. Every scenario still starts from the state an
 * up leaves, and uses hubs of its own.
 *
 * <p>The work directory is the system property {@value #WORK_DIR_PROPERTY} (the parent pom sets it to the build's
 * {@code target/it-regions}), else {@code target/it-regions}: the regions' logs outlive a failing run. An environment
 * there is adopted only when the same build process started it ({@link BuildOwner}); one left by another build is
 * stopped (by its recorded pids) and removed first.
 */
public final class SharedEnvironment {

    public static final String WORK_DIR_PROPERTY = "fgf.it.work-dir";
    private static final Logger LOG = LoggerFactory.getLogger(SharedEnvironment.class);
    private static final String OWNER_FILE = "build-owner";
    private static final List<String> REAPER_JVM = Stream.concat(Stream.of("-Xmx64m"), JvmLauncher.LIGHT_RUNTIME.stream()).toList();
    private static LocalRegions regions;

    private SharedEnvironment() {}

    public static Path workDir() {
        String p = System.getProperty(WORK_DIR_PROPERTY);
        return (p == null || p.isBlank() ? Path.of("target/it-regions") : Path.of(p)).toAbsolutePath().normalize();
    }

    /** Options for the shared work directory. */
    public static LocalRegionsOptions defaults() {
        return LocalRegionsOptions.defaults(workDir());
    }

    /**
     * The environment as up leaves it, with the options' GRS lag and Event Hubs pairing (whatever the last scenario
     * used). The options must name {@link #workDir()}.
     */
    public static synchronized Environment fresh(LocalRegionsOptions o) {
        Path dir = workDir();
        if (regions == null) regions = adopt(dir).orElse(null);
        if (regions != null) {
            try {
                regions.reset(o, true);
            } catch (RuntimeException e) {
                // One broken reset must not fail every later scenario: start afresh, as the first one did.
                LOG.warn("Shared environment: reset failed ({}); stopping it and starting a new one", e.getMessage());
                try {
                    regions.down();
                } catch (RuntimeException downFailed) {
                    // Nothing may outlive the build: what down could not stop is killed by its recorded pid.
                    LOG.warn("Shared environment: down failed too ({}); killing its recorded processes", downFailed.getMessage());
                    regions.environment().processes().forEach(p -> p.kill(java.time.Duration.ofSeconds(5)));
                } finally {
                    regions = null;
                }
                keepAside(dir);
            }
        }
        if (regions == null) {
            clearLeftovers(dir);
            LocalRegions started = new LocalRegions(dir);
            started.up(o);
            BuildOwner owner = BuildOwner.current();
            // The reaper first: an environment later modules can adopt must already have someone to stop it.
            startReaper(dir, owner);
            owner.write(dir.resolve(OWNER_FILE));
            regions = started;
        }
        return regions.environment();
    }

    /**
     * The environment as it is, brought up or adopted but not reset: for a scenario that resets it itself (a drill
     * resets through {@code bin/local-regions reset} with its own options, so a reset here would be a second one).
     */
    public static synchronized Environment ready(LocalRegionsOptions o) {
        if (regions == null) regions = adopt(workDir()).orElse(null);
        if (regions == null) return fresh(o);
        return regions.environment();
    }

    public static synchronized LocalRegions regions() {
        if (regions == null) throw new IllegalStateException("call SharedEnvironment.fresh() first");
        return regions;
    }

    /** The environment an earlier module of this build left running, if any. */
    private static Optional<LocalRegions> adopt(Path dir) {
        Optional<BuildOwner> owner = BuildOwner.read(dir.resolve(OWNER_FILE));
        if (owner.isEmpty() || !owner.get().sameAs(BuildOwner.current())) return Optional.empty();
        Optional<Environment> env = EnvironmentFile.read(EnvironmentFile.in(dir));
        if (env.isEmpty() || !Environment.UP.equals(env.get().state())) return Optional.empty();
        LOG.info("Shared environment {}: adopted from an earlier test JVM of this build (process {})", env.get().id(), owner.get().pid());
        return Optional.of(new LocalRegions(dir));
    }

    private static void startReaper(Path dir, BuildOwner owner) {
        JvmLauncher jvm = new JvmLauncher(dir.resolve("conf/log4j2.properties"));
        ProcessRef reaper = jvm.start("shared-environment-reaper", REAPER_JVM, dir.resolve("logs/reaper.log"),
                SharedEnvironmentReaper.class.getName(), List.of(dir.toString(), String.valueOf(owner.pid()),
                        String.valueOf(owner.startedAtMillis())));
        LOG.info("Shared environment in {}: the reaper (pid {}) stops it when process {} ends, because later modules of the "
                + "build adopt it", dir, reaper.pid(), owner.pid());
    }

    /** The broken environment's directory, logs included, moved aside for whoever reads the failure. */
    private static void keepAside(Path dir) {
        try {
            Path aside = dir.resolveSibling(dir.getFileName() + "-broken-" + System.currentTimeMillis());
            Files.move(dir, aside);
            LOG.warn("Shared environment: the broken environment's logs are in {}", aside.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A work directory left by an earlier run: stop what it recorded (by pid and start time), then remove it. */
    private static void clearLeftovers(Path dir) {
        if (!Files.exists(dir)) return;
        EnvironmentFile.read(EnvironmentFile.in(dir)).ifPresent(old -> {
            if (old.processes().stream().anyMatch(ProcessRef::alive)) new LocalRegions(dir).down();
        });
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
