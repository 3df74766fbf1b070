package io.github.fgf.localregions.grs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What the GRS emulator publishes, as Get Blob Service Stats does on a secondary endpoint: every
 * write to the source container before {@code lastSyncTime} is in the secondary container.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LastSyncTime(String sourceContainer, String secondaryContainer, String lastSyncTime, long lagMillis,
                           String updatedAt, long copiedBlobs, long deletedBlobs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Instant instant() {
        return Instant.parse(lastSyncTime);
    }

    public static Optional<LastSyncTime> read(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), LastSyncTime.class));
        } catch (IOException e) {
            throw new UncheckedIOException("GRS status " + file + " is unreadable", e);
        }
    }

    void write(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
