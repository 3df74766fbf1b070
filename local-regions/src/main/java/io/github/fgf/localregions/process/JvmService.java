package io.github.fgf.localregions.process;

import java.nio.file.Path;
import java.util.List;

/**
 * One server of the environment as a JVM to run: what {@code up} starts in the background and {@code run-service}
 * runs in the foreground (a container of docker-compose.yml), from the same record, so that the two run the same thing.
 *
 * @param name the process' name: its pid log entry, its compose service
 */
public record JvmService(String name, List<String> jvmFlags, Path logFile, String mainClass, List<String> args) {

    public JvmService {
        jvmFlags = List.copyOf(jvmFlags);
        args = List.copyOf(args);
    }
}
