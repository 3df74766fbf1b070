package io.github.fgf.localregions.process;

import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts child JVMs (brokers, Flink, replicators, the alias) on local-regions' own runtime
 * classpath. That classpath is recorded at build time as a resource, because the launcher may be
 * embedded in another module's tests whose classpath differs (another kafka-clients, no broker).
 */
public final class JvmLauncher {

    /** Flink's env.java.opts.all for Java 17; Kafka and our daemons tolerate them too. */
    public static final List<String> JAVA17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /**
     * For the brokers and Flink processes: they live minutes and carry test and drill rates, so C1 alone compiles
     * enough, for a fraction of the CPU C2 takes; and serial GC has no concurrent threads. On two cores that CPU is
     * what every other start-up and test waits for.
     */
    public static final List<String> LIGHT_RUNTIME = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final String CLASSPATH_RESOURCE = "/fgf-local-regions.classpath";

    private final Path log4jConfig;

    public JvmLauncher(Path log4jConfig) {
        this.log4jConfig = log4jConfig;
    }

    /** The classpath every child JVM runs on. */
    public static String classpath() {
        Path own = ownLocation();
        if (Files.isRegularFile(own) && Files.isDirectory(own.resolveSibling("lib"))) {
            // The packaged jar's manifest already lists lib/*: adding the .m2 copies would duplicate them.
            return own.toString();
        }
        try (InputStream in = JvmLauncher.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new LocalRegionsException(Reason.PREREQUISITE_MISSING,
                        "local-regions was built without its classpath file; run 'mvn -pl local-regions package'");
            }
            String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return own + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "cannot read " + CLASSPATH_RESOURCE, e);
        }
    }

    /** Where local-regions' own classes are: target/classes or the jar. */
    public static Path ownLocation() {
        try {
            return Path.of(JvmLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A java command line: JVM flags, our classpath, the main class and its arguments. */
    public List<String> command(List<String> jvmFlags, Path logFile, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JAVA17_OPENS);
        cmd.addAll(jvmFlags);
        cmd.add("-Dlog.file=" + logFile);
        cmd.add("-Dlog4j.configurationFile=" + log4jConfig);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** {@link #command(List, Path, String, List)} for one server of the environment. */
    public List<String> command(JvmService service) {
        return command(service.jvmFlags(), service.logFile(), service.mainClass(), service.args());
    }

    /** Starts a daemon whose stdout and stderr go to {@code <logFile>.out}; it outlives this JVM. */
    public ProcessRef start(String name, List<String> jvmFlags, Path logFile, String mainClass, List<String> args) {
        return start(new JvmService(name, jvmFlags, logFile, mainClass, args));
    }

    /** Starts one server of the environment in the background, as {@link #start(String, List, Path, String, List)}. */
    public ProcessRef start(JvmService service) {
        return startCommand(service.name(), command(service), service.logFile());
    }

    public static ProcessRef startCommand(String name, List<String> command, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Path out = Path.of(logFile + ".out");
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            ProcessRef ref = ProcessRef.of(name, p, logFile);
            PidLog.record(ref);
            return ref;
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.PREREQUISITE_MISSING, "cannot start " + name + ": " + e.getMessage(), e);
        }
    }
}
