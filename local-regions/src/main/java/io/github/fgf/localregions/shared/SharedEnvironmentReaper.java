package io.github.fgf.localregions.shared;

import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.process.ProcessRef;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a shared environment when the build that started it ends: {@code <work-dir> <owner-pid> <owner-start-millis>}.
 * A daemon of its own, because the environment outlives every test JVM of the build (the next module adopts it) and
 * must not outlive the build. Exits without stopping anything once the environment is down or gone.
 */
public final class SharedEnvironmentReaper {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEnvironmentReaper.class);

    private SharedEnvironmentReaper() {}

    public static void main(String[] args) throws InterruptedException {
        Path workDir = Path.of(args[0]);
        BuildOwner owner = new BuildOwner(Long.parseLong(args[1]), Long.parseLong(args[2]));
        LOG.info("Watching build process {} for the shared environment in {}", owner.pid(), workDir);
        while (true) {
            try {
                if (done(workDir, owner)) return;
            } catch (RuntimeException e) {
                // A file being replaced, a process on its way out: look again in a moment rather than leave it running.
                LOG.warn("Shared environment in {}: {}; trying again", workDir, e.getMessage());
            }
            Thread.sleep(1_000);
        }
    }

    /** Whether there is nothing left to watch: the environment is down or gone, or this call stopped it. */
    private static boolean done(Path workDir, BuildOwner owner) {
        Optional<Environment> env = EnvironmentFile.read(EnvironmentFile.in(workDir));
        if (env.isEmpty() || Environment.DOWN.equals(env.get().state()) || env.get().processes().stream().noneMatch(ProcessRef::alive)) {
            LOG.info("The shared environment in {} is down or gone: nothing to stop", workDir);
            return true;
        }
        if (owner.alive()) return false;
        LOG.info("Build process {} has ended: stopping the shared environment in {}", owner.pid(), workDir);
        new LocalRegions(workDir).down();
        return true;
    }
}
