package io.github.fgf.localregions.alias;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alias' DNS name as a TCP forwarder: each new connection goes to the active namespace at the
 * moment it is accepted; connections already open stay where they are, as with a DNS change.
 */
public final class AliasForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AliasForwarder.class);

    private final ServerSocket server;
    private final Supplier<InetSocketAddress> target;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "alias-pump");
        t.setDaemon(true);
        return t;
    });

    public AliasForwarder(int port, Supplier<InetSocketAddress> target) throws IOException {
        this.server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        this.target = target;
        Thread acceptor = new Thread(this::acceptLoop, "alias-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pumps.execute(() -> connect(client));
            } catch (IOException e) {
                if (!server.isClosed()) LOG.warn("alias accept failed: {}", e.getMessage());
            }
        }
    }

    private void connect(Socket client) {
        InetSocketAddress to = target.get();
        try {
            Socket upstream = new Socket();
            upstream.connect(to, 5000);
            LOG.debug("alias connection {} -> {}", client.getRemoteSocketAddress(), to);
            pumps.execute(() -> pump(client, upstream));
            pump(upstream, client);
        } catch (IOException e) {
            // The namespace behind the alias is down: the client sees a refused/closed connection.
            LOG.debug("alias cannot reach {}: {}", to, e.getMessage());
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed; close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pumps.shutdownNow();
    }
}
