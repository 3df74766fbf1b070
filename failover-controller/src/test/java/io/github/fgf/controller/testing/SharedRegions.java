package io.github.fgf.controller.testing;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.shared.SharedEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.Extension;

/**
 * The build's one local environment ({@link SharedEnvironment}) for this module's ITCases: {@link #fresh} before each
 * scenario resets it to the state an up leaves (the first scenario of the build brings it up; an earlier module may
 * have), and notes what the clusters and the alias had already done, so that a scenario sees only its own jobs and
 * failovers. The build's end stops it; the regions' logs are under {@link #workDir()}{@code /logs}.
 *
 * <p>Register it with {@code @RegisterExtension static final SharedRegions SHARED = new SharedRegions();}.
 */
// Nothing to close after the last test class: the environment outlives this JVM for the build's later modules.
public final class SharedRegions implements Extension {

    /** What the clusters and the alias had done before the current scenario: Flink keeps ended jobs in its history. */
    private static Map<String, Set<String>> jobsAtFresh = Map.of();
    private static int failoversAtFresh;

    /** The environment as up leaves it, with the given GRS lag (and a Geo-DR alias, whatever the last scenario used). */
    public Environment fresh(Duration grsLag) {
        synchronized (SharedRegions.class) {
            return noteBaseline(SharedEnvironment.fresh(SharedEnvironment.defaults().withGrsLag(grsLag)));
        }
    }

    /** The environment up, not reset: for a drill, which resets it itself with its own options. */
    public Environment ready() {
        synchronized (SharedRegions.class) {
            return noteBaseline(SharedEnvironment.ready(SharedEnvironment.defaults()));
        }
    }

    /** What the clusters and the alias had done before this scenario, so that it looks only at what it caused. */
    private static Environment noteBaseline(Environment env) {
        Map<String, Set<String>> jobs = new TreeMap<>();
        for (Environment.Region r : env.regions().values()) {
            // A region the last scenario left killed (ready() does not revive it) knows no jobs: a revive starts with none.
            jobs.put(r.name(), Environment.Region.KILLED.equals(r.state()) ? Set.of() : ids(new FlinkJobs(r.flink().restUrl())));
        }
        jobsAtFresh = jobs;
        failoversAtFresh = new AliasClient(env.alias().controlUrl()).status().failovers();
        return env;
    }

    public LocalRegions regions() {
        return SharedEnvironment.regions();
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
        return SharedEnvironment.workDir();
    }
}
