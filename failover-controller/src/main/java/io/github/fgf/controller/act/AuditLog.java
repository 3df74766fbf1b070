package io.github.fgf.controller.act;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON lines, one per step and decision: {@code {"time","epoch","event","detail"}}. */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public AuditLog(Path dir) {
        this.file = dir.resolve("audit.log");
    }

    public Path file() {
        return file;
    }

    public void append(Instant time, long epoch, String event, String detail) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", time.toString());
        line.put("epoch", epoch);
        line.put("event", event);
        line.put("detail", detail);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
