package io.github.fgf.localregions.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. */
public final class Ports {

    private Ports() {}

    /** Where ports for the environment's servers are drawn from: below Linux's default ephemeral range (32768-60999). */
    static final int LOW = 20_000;
    static final int HIGH = 32_767;

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port that was free a moment ago; the caller binds it soon after. Drawn below the ephemeral range: a region keeps
     * its ports across kill-region and revive-region, and while it is down, an outgoing connection could take a port of
     * the ephemeral range as its local port, so that the revived broker failed with "Address already in use".
     */
    public static int free() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOW, HIGH + 1);
            // Never the same port twice in one JVM: one environment draws a dozen before any server binds them.
            if (bindable(port) && HANDED_OUT.add(port)) return port;
        }
        throw new java.io.UncheckedIOException(new IOException("no free loopback port in " + LOW + "-" + HIGH + " after 200 tries"));
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
