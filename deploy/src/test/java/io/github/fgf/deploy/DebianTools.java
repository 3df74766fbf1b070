package io.github.fgf.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command-line checkers from Debian's packages (shellcheck, docker-compose): used from PATH, else installed with
 * apt-get when this runs as root (as CI does, on a clean machine), else one line saying which package to install.
 */
final class DebianTools {

    private DebianTools() {}

    /** The tool's path, installing {@code debianPackage} first if it is missing. */
    static synchronized String require(String tool, String debianPackage) throws IOException, InterruptedException {
        Path found = onPath(tool);
        if (found != null) return found.toString();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || onPath("apt-get") == null) {
            throw new IllegalStateException(tool + " is missing: install Debian's " + debianPackage + " package (apt-get install "
                    + debianPackage + ")");
        }
        Path log = Files.createDirectories(Path.of("target")).resolve("apt-get-" + debianPackage + ".log");
        int code = apt(log, "install", "-y", "-q", "--no-install-recommends", debianPackage);
        if (code != 0) {
            // A clean image has no package lists yet.
            apt(log, "update", "-q");
            code = apt(log, "install", "-y", "-q", "--no-install-recommends", debianPackage);
        }
        found = onPath(tool);
        if (code != 0 || found == null) {
            throw new IllegalStateException("apt-get install " + debianPackage + " failed (exit " + code + "); see " + log.toAbsolutePath());
        }
        return found.toString();
    }

    private static int apt(Path log, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("apt-get"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start().waitFor();
    }

    /** Runs a command; returns its exit code and output together. */
    static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
        return run(command, dir, java.util.Map.of());
    }

    /** Runs a command with extra environment variables; returns its exit code and output together. */
    static Result run(List<String> command, Path dir, java.util.Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    record Result(int exit, String output) {}

    private static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
