package io.github.fgf.localregions.env;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Reads and atomically writes {@code environment.json}; owner-only, since it holds connection strings. */
public final class EnvironmentFile {

    public static final String NAME = "environment.json";
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EnvironmentFile() {}

    public static Path in(Path workDir) {
        return workDir.resolve(NAME);
    }

    public static Optional<Environment> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Environment.class));
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "environment file " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    public static Environment require(Path file) {
        return read(file).orElseThrow(() -> new LocalRegionsException(Reason.NOT_RUNNING,
                "no local environment at " + file + "; start one with 'bin/local-regions up'"));
    }

    public static void write(Path file, Environment env) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), env);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "cannot write environment file " + file + ": " + e.getMessage(), e);
        }
    }
}
