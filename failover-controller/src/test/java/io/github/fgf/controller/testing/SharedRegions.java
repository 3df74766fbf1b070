package io.github.fgf.controller.testing;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.process.ProcessRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local environment for every ITCase of this module: {@code up} for the first scenario, {@link LocalRegions#reset}
 * before each later one, {@code down} when the test run ends. On two cores an up and a down cost some 50 s of JVM
 * start-ups and shutdowns; a reset costs seconds (a revive when the last scenario killed a region). Every scenario still
 * starts from the state an up leaves, and uses hubs of its own. The work directory is {@code target/it-regions}, so
 * the regions' logs outlive a failing run.
 *
 * <p>Register it with {@code @RegisterExtension static final SharedRegions SHARED = new SharedRegions();}.
 */
public final class SharedRegions implements BeforeAllCallback {

    private static final Path WORK_DIR = Path.of("target/it-regions").toAbsolutePath();
    private static LocalRegions regions;
    /** What the clusters and the alias had done before the current scenario: Flink keeps ended jobs in its history. */
    private static Map<String, Set<String>> jobsAtFresh = Map.of();
    private static int failoversAtFresh;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes its resources once, after the last test class of the run.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SharedRegions.class,
                k -> (ExtensionContext.Store.CloseableResource) SharedRegions::down);
    }

    /** The environment as up leaves it, with the given GRS lag (and a Geo-DR alias, whatever the last scenario used). */
    public Environment fresh(Duration grsLag) {
        synchronized (SharedRegions.class) {
            LocalRegionsOptions o = LocalRegionsOptions.defaults(WORK_DIR).withGrsLag(grsLag);
            if (regions != null) {
                try {
                    // A Geo-Replication scenario (a drill switches the pairing itself) must not leave the next one its mode.
                    regions.reset(o, true);
                } catch (RuntimeException e) {
                    // One broken reset must not fail every later scenario: start afresh, as the first one did.
                    System.err.println("SharedRegions: reset failed (" + e.getMessage() + "); stopping the environment and "
                            + "starting a new one");
                    down();
                    keepAside();
                }
            }
            if (regions == null) {
                clearLeftovers();
                LocalRegions started = new LocalRegions(WORK_DIR);
                started.up(o);
                regions = started;
            }
            Environment env = regions.environment();
            Map<String, Set<String>> jobs = new TreeMap<>();
            for (Environment.Region r : env.regions().values()) {
                jobs.put(r.name(), ids(new FlinkJobs(r.flink().restUrl())));
            }
            jobsAtFresh = jobs;
            failoversAtFresh = new AliasClient(env.alias().controlUrl()).status().failovers();
            return env;
        }
    }

    public LocalRegions regions() {
        synchronized (SharedRegions.class) {
            if (regions == null) throw new IllegalStateException("call fresh() first");
            return regions;
        }
    }

    /** The jobs a region's cluster knows that it did not know when the scenario began (a revive starts with none). */
    public List<FlinkJobs.Job> newJobs(String region) throws IOException {
        synchronized (SharedRegions.class) {
            Set<String> known = jobsAtFresh.getOrDefault(region, Set.of());
            return new FlinkJobs(regions().environment().region(region).flink().restUrl()).jobs().stream()
                    .filter(j -> !known.contains(j.id())).toList();
        }
    }

    /** Alias failovers since the scenario began. */
    public int failoversSinceFresh() {
        synchronized (SharedRegions.class) {
            return new AliasClient(regions().environment().alias().controlUrl()).status().failovers() - failoversAtFresh;
        }
    }

    private static Set<String> ids(FlinkJobs flink) {
        try {
            Set<String> out = new HashSet<>();
            flink.jobs().forEach(j -> out.add(j.id()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the environment lives: its logs are under {@code logs/}. */
    public Path workDir() {
        return WORK_DIR;
    }

    private static void down() {
        synchronized (SharedRegions.class) {
            try {
                if (regions != null) regions.down();
            } finally {
                regions = null;
            }
        }
    }

    /** The broken environment's directory, logs included, moved aside for whoever reads the failure. */
    private static void keepAside() {
        try {
            Path aside = WORK_DIR.resolveSibling(WORK_DIR.getFileName() + "-broken-" + System.currentTimeMillis());
            Files.move(WORK_DIR, aside);
            System.err.println("SharedRegions: the broken environment's logs are in " + aside.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A work directory left by an earlier run: stop what it recorded (by pid and start time), then remove it. */
    private static void clearLeftovers() {
        if (!Files.exists(WORK_DIR)) return;
        EnvironmentFile.read(EnvironmentFile.in(WORK_DIR)).ifPresent(old -> {
            if (old.processes().stream().anyMatch(ProcessRef::alive)) new LocalRegions(WORK_DIR).down();
        });
        try (Stream<Path> all = Files.walk(WORK_DIR)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
