package io.github.fgf.localregions.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

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
}
