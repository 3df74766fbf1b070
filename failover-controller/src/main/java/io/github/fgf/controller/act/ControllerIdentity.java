package io.github.fgf.controller.act;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Who a controller is, for the failover lease: its host, its state dir, and a random instance id
 * created once in that state dir. Host and path alone are not enough: two containers with the same
 * host name and the same path would share one lease id, and both would think they hold it. A
 * controller restarted on the same state dir is the same instance, so it takes its own lease back.
 */
public final class ControllerIdentity {

    static final String FILE = "controller-id";

    private ControllerIdentity() {}

    /** {@code <host>:<state dir>:<instance id>}, creating the instance id on first use. */
    public static String of(String host, Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                Path tmp = dir.resolve(FILE + "." + UUID.randomUUID() + ".tmp");
                Files.writeString(tmp, UUID.randomUUID().toString());
                try {
                    // Atomic, and never over an id a concurrent start wrote first.
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return host + ":" + dir + ":" + Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the controller's identity in " + dir, e);
        }
    }
}
