package io.github.fgf.controller.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs local-regions' own CLI ({@code bin/local-regions}), the interface operators use too: the controller starts,
 * kills and revives nothing itself, and carries none of local-regions' code.
 */
public final class LocalRegionsCommands {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRegionsCommands.class);
    private final Path launcher;
    private final Path workDir;
    private final Path logFile;

    /**
     * @param launcher {@code bin/local-regions} of the project
     * @param workDir the environment's directory ({@code FGF_LOCAL_REGIONS_DIR})
     * @param logFile where each command's output is appended
     */
    public LocalRegionsCommands(Path launcher, Path workDir, Path logFile) {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("local-regions launcher " + launcher + " is missing or not executable");
        }
        this.launcher = launcher;
        this.workDir = workDir;
        this.logFile = logFile;
    }

    /** The project's launcher: {@code fgf.home} (set by bin/_launch), else the working directory. */
    public static Path defaultLauncher() {
        return Path.of(System.getProperty("fgf.home", ".")).resolve("bin").resolve("local-regions").toAbsolutePath().normalize();
    }

    /** The environment's directory as bin/local-regions finds it: {@code FGF_LOCAL_REGIONS_DIR}, else {@code .local-regions}. */
    public static Path defaultWorkDir() {
        String dir = System.getenv("FGF_LOCAL_REGIONS_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("fgf.home", ".")).resolve(".local-regions");
    }

    public Path workDir() {
        return workDir;
    }

    /** Runs one verb; returns its output. Fails with the output's last lines when it exits non-zero or hangs. */
    public String run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        // The directory goes by the environment variable: an option after submit-job's "--" would be a program argument.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FGF_LOCAL_REGIONS_DIR", workDir.toString());
        Files.createDirectories(logFile.getParent());
        Path out = Files.createTempFile(logFile.getParent(), "local-regions-", ".out");
        pb.redirectOutput(out.toFile());
        long started = System.nanoTime();
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
                Files.writeString(logFile, "$ local-regions " + String.join(" ", args) + " (timed out)\n"
                        + Files.readString(out, StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                throw new IllegalStateException("bin/local-regions " + args[0] + " did not finish within " + timeout.toSeconds()
                        + " s; see " + logFile);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.writeString(logFile, "$ local-regions " + String.join(" ", args) + "\n" + text, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (p.exitValue() != 0) {
                List<String> lines = text.lines().toList();
                throw new IllegalStateException("bin/local-regions " + args[0] + " exited " + p.exitValue() + ": "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
            LOG.debug("local-regions {} took {} ms", args[0], (System.nanoTime() - started) / 1_000_000);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
