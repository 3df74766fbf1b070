package io.github.fgf.controller.act;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The primary's end offsets as last seen by a probe, kept locally: after the region is gone,
 * this is what "A's last known end offsets" in the events-at-risk count means.
 */
public final class LastProbe {

    static final String FILE = "last-probe-end-offsets.json";

    private LastProbe() {}

    public static void write(Path dir, Map<String, Long> endOffsets) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(FILE), ControllerStore.JSON.writeValueAsBytes(endOffsets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Map<String, Long>> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) return Optional.empty();
        try {
            return Optional.of(ControllerStore.JSON.readValue(f.toFile(), new TypeReference<Map<String, Long>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
