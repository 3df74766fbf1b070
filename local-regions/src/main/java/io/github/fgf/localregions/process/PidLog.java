package io.github.fgf.localregions.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * When {@code FGF_PID_LOG} names a file, every started server is appended to it as
 * {@code <pid> <start-ticks> <name>} (start ticks: field 22 of /proc/pid/stat). CI uses it to
 * stop exactly the processes the run started, even if a test JVM died before its own cleanup.
 */
public final class PidLog {

    public static final String ENV = "FGF_PID_LOG";

    private PidLog() {}

    static void record(ProcessRef ref) {
        String file = System.getenv(ENV);
        if (file == null || file.isBlank()) return;
        try {
            String line = ref.pid() + " " + startTicks(ref.pid()) + " " + ref.name() + System.lineSeparator();
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // Best effort: the environment's own down() still stops it.
        }
    }

    static String startTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // The command name (field 2) may contain spaces; fields after ')' are space-separated.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return rest[19];
    }
}
