package io.github.fgf.localregions.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One server of the environment as a JVM to run: what {@code up} starts in the background and {@code run-service}
 * runs in the foreground (a container of docker-compose.yml), from the same record, so that the two run the same thing.
 *
 * @param name the process' name: its pid log entry, its compose service
 * @param environment variables set for the process on top of the caller's (Flink reads its plugins directory from one)
 */
public record JvmService(String name, List<String> jvmFlags, Path logFile, String mainClass, List<String> args,
        Map<String, String> environment) {

    public JvmService {
        jvmFlags = List.copyOf(jvmFlags);
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
    }

    /** A server that needs no environment variables of its own. */
    public JvmService(String name, List<String> jvmFlags, Path logFile, String mainClass, List<String> args) {
        this(name, jvmFlags, logFile, mainClass, args, Map.of());
    }
}
