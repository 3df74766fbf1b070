package io.github.fgf.localregions.shared;

import io.github.fgf.localregions.process.ProcessRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process a shared environment lives as long as: the Maven JVM running the build (every module's test JVM is its
 * descendant), or the test JVM itself when no Maven is above it (an IDE's run). Identified by pid and start time, so a
 * reused pid is never mistaken for it.
 */
public record BuildOwner(long pid, long startedAtMillis) {

    /** Maven 3's and Maven 4's launcher main classes, as they appear on the Maven JVM's command line. */
    private static final String[] MAVEN_MAINS = {"org.codehaus.plexus.classworlds.launcher.Launcher", "org.apache.maven.cling",
            "org.apache.maven.wrapper.MavenWrapperMain"};
    private static final long START_TOLERANCE_MILLIS = 2_000;

    public static BuildOwner current() {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        while (p.isPresent()) {
            String cmd = p.get().info().commandLine().orElse("");
            for (String main : MAVEN_MAINS) {
                if (cmd.contains(main)) return of(p.get());
            }
            p = p.get().parent();
        }
        // No Maven above (an IDE, or mvnd, whose daemon outlives builds): the environment lives as long as this JVM.
        org.slf4j.LoggerFactory.getLogger(BuildOwner.class).info("No Maven process above this JVM: the shared environment is "
                + "stopped when this JVM ends, and the next test JVM starts its own");
        return of(ProcessHandle.current());
    }

    static BuildOwner of(ProcessHandle h) {
        return new BuildOwner(h.pid(), h.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    public boolean alive() {
        // Where the start time could not be read, a live process of that pid is taken as the owner rather than
        // stopping a build's environment under it.
        if (startedAtMillis == 0) return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return new ProcessRef("build", pid, startedAtMillis, null).alive();
    }

    public boolean sameAs(BuildOwner other) {
        return other != null && pid == other.pid && Math.abs(startedAtMillis - other.startedAtMillis) <= START_TOLERANCE_MILLIS;
    }

    static Optional<BuildOwner> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            String[] parts = Files.readString(file).trim().split("\\s+");
            return Optional.of(new BuildOwner(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: not ours, so the environment is not adopted
        }
    }

    void write(Path file) {
        try {
            Files.writeString(file, pid + " " + startedAtMillis + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
