package io.github.fgf.localregions.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, for error messages about a process that died. */
public final class LogTail {

    private LogTail() {}

    /** The tail of a process' console output ({@code <log>.out}) and of its log file. */
    public static String ofProcess(ProcessRef process, int lines) {
        if (process.logFile() == null) {
            return "(no log)";
        }
        Path log = Path.of(process.logFile());
        Path out = Path.of(process.logFile() + ".out");
        StringBuilder b = new StringBuilder();
        if (Files.exists(out)) b.append(of(out, lines));
        if (Files.exists(log)) b.append(b.length() > 0 ? System.lineSeparator() : "").append(of(log, lines));
        return b.length() == 0 ? "(no output in " + out + ")" : b.toString();
    }

    public static String of(Path file, int lines) {
        if (file == null || !Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return String.join(System.lineSeparator(), tail);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
