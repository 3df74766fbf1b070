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
 * Requests from a client are forwarded frame by frame: a produce request to a hub whose sends are
 * disabled in the region the connection leads to closes that connection, as Event Hubs refuses a
 * SendDisabled entity. The client connects again through the alias, and so reaches wherever the
 * alias points by then, without having to reconnect on its own.
 */
public final class AliasForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AliasForwarder.class);

    private final ServerSocket server;
    private final Supplier<Target> target;
    private final SendGate sends;

    /** Where a new connection goes: the active region and the address the alias forwards to. */
    public record Target(String region, InetSocketAddress address) {}

    /** The largest request frame forwarded (Kafka's default socket.request.max.bytes is 100 MiB). */
    private static final int MAX_FRAME = 100 * 1024 * 1024;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "alias-pump");
        t.setDaemon(true);
        return t;
    });

    public AliasForwarder(int port, Supplier<InetSocketAddress> target) throws IOException {
        this(InetAddress.getLoopbackAddress(), port, () -> new Target("", target.get()), new SendGate());
    }

    /** @param bindHost loopback on a machine; every interface in a container, whose published ports arrive there */
    public AliasForwarder(InetAddress bindHost, int port, Supplier<Target> target, SendGate sends) throws IOException {
        this.server = new ServerSocket(port, 128, bindHost);
        this.target = target;
        this.sends = sends;
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
        Target t = target.get();
        InetSocketAddress to = t.address();
        try {
            Socket upstream = new Socket();
            upstream.connect(to, 5000);
            LOG.debug("alias connection {} -> {}", client.getRemoteSocketAddress(), to);
            pumps.execute(() -> requests(client, upstream, t.region()));
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

    /** Client to namespace, one Kafka frame (4-byte size, then the request) at a time. */
    private void requests(Socket from, Socket to, String region) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(from.getInputStream()));
             java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(to.getOutputStream()))) {
            while (true) {
                int size = in.readInt();
                if (size < 0 || size > MAX_FRAME) break;
                byte[] frame = in.readNBytes(size);
                if (frame.length < size) break;
                String refused = sends.refused(region, ProduceRequests.topics(frame));
                if (refused != null) {
                    LOG.info("Closed a connection to region {} from {}: it sent to hub {}, whose sends are disabled there",
                            region, from.getRemoteSocketAddress(), refused);
                    break;
                }
                out.writeInt(size);
                out.write(frame);
                // Every request at once: a client may wait for this answer before it sends the rest of the next one.
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
