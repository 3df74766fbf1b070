package io.github.fgf.localregions.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.localregions.LocalRegionsException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {

    @Test
    void freePortsAreBelowTheEphemeralRangeAndBindable() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = Ports.free();
            assertTrue(port >= Ports.LOW && port <= Ports.HIGH && port < 32768, "port " + port);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(s.isBound());
            }
        }
    }

    @Test
    void noPortIsHandedOutTwiceInOneJvm() {
        // An environment draws all its ports before any server binds one; 2,000 draws from 12,768 ports would
        // repeat one with near certainty if draws were independent.
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int port = Ports.free();
            assertTrue(seen.add(port), "port " + port + " handed out twice");
        }
    }

    @Test
    void aServerThatDiesOnABindFailureIsReportedAsATakenPort(@TempDir Path dir) throws Exception {
        assertEquals(LocalRegionsException.Reason.PORT_TAKEN, diedWith(dir, "java.net.BindException: Could not start rest endpoint on any port in port range 26157"));
        assertEquals(LocalRegionsException.Reason.PORT_TAKEN, diedWith(dir, "Socket server failed to bind to 127.0.0.1:20001: Address already in use."));
        assertEquals(LocalRegionsException.Reason.PROCESS_DIED, diedWith(dir, "java.lang.OutOfMemoryError: Java heap space"));
    }

    private static LocalRegionsException.Reason diedWith(Path dir, String lastLine) throws Exception {
        Path log = Files.createTempFile(dir, "server", ".log");
        Files.writeString(log, "starting\n" + lastLine + "\n");
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        ProcessRef ref = ProcessRef.of("server", p, log);
        LocalRegionsException e = assertThrows(LocalRegionsException.class,
                () -> Waits.until("server", ref, Duration.ofSeconds(5), () -> false));
        assertTrue(e.getMessage().contains(lastLine), e.getMessage());
        return e.reason();
    }
}
