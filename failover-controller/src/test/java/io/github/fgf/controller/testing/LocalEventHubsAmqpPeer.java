package io.github.fgf.controller.testing;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.engine.BaseHandler;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.apache.qpid.proton.reactor.Acceptor;
import org.apache.qpid.proton.reactor.Reactor;
import org.apache.qpid.proton.reactor.impl.AcceptorImpl;

/**
 * A local AMQP 1.0 peer that answers what azure-messaging-eventhubs asks of a namespace to read
 * runtime properties: the CBS put-token on {@code $cbs}, and READ of {@code com.microsoft:eventhub}
 * and {@code com.microsoft:partition} on {@code $management}. Plain AMQP on loopback, as the client
 * speaks to the Event Hubs emulator ({@code UseDevelopmentEmulator=true}). Failure switches: a
 * partition answered with an error status, and {@link #close()} for a namespace that is gone.
 */
public final class LocalEventHubsAmqpPeer implements AutoCloseable {

    /** One partition's runtime state as the peer reports it. */
    public record Partition(long beginSequenceNumber, long lastSequenceNumber, Instant lastEnqueuedTime, boolean empty) {}

    private final Map<String, Map<String, Partition>> hubs = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failingPartitions = new ConcurrentHashMap<>();
    private final Reactor reactor;
    private volatile Acceptor acceptor;
    private volatile boolean closing;
    private final List<org.apache.qpid.proton.engine.Connection> connections = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final int port;

    public LocalEventHubsAmqpPeer() throws IOException, InterruptedException {
        this(0);
    }

    /** On a given port (0: any free one), so a test can bring a namespace back where it was. */
    public LocalEventHubsAmqpPeer(int requestedPort) throws IOException, InterruptedException {
        CountDownLatch bound = new CountDownLatch(1);
        int[] boundPort = new int[1];
        reactor = Proton.reactor(new BaseHandler() {
            @Override
            public void onReactorInit(Event e) {
                try {
                    acceptor = e.getReactor().acceptor("127.0.0.1", requestedPort, new ConnectionHandler());
                    boundPort[0] = ((AcceptorImpl) acceptor).getPortNumber();
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
                bound.countDown();
                e.getReactor().schedule(100, new CloseWatch());
            }
        });
        reactor.setTimeout(100);
        thread = new Thread(reactor::run, "local-eventhubs-amqp");
        thread.setDaemon(true);
        thread.start();
        if (!bound.await(10, TimeUnit.SECONDS)) throw new IOException("the AMQP peer did not bind");
        port = boundPort[0];
    }

    /** A connection string the Event Hubs client accepts for this peer: plain AMQP, SAS key name and key. */
    public String connectionString() {
        return "Endpoint=sb://127.0.0.1:" + port + ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=bG9jYWwta2V5;"
                + "UseDevelopmentEmulator=true";
    }

    public int port() {
        return port;
    }

    public void hub(String name, Map<String, Partition> partitions) {
        hubs.put(name, new LinkedHashMap<>(partitions));
    }

    /** Failure switch: READ of this partition is answered with the status code (e.g. 503 ServerBusy). */
    public void failPartition(String hub, String partition, int statusCode) {
        failingPartitions.put(hub + "/" + partition, statusCode);
    }

    /** Every request seen, as {@code <node> <operation> <type> <name>[/<partition>]}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The namespace is gone: the port closes and every open connection drops, as when a region is lost. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        reactor.wakeup();
        thread.join(10_000);
        if (thread.isAlive()) {
            reactor.stop();
            reactor.wakeup();
            thread.join(10_000);
        }
    }

    /** Runs on the reactor's thread (proton-j is single-threaded): closes the listener and connections once asked. */
    private final class CloseWatch extends BaseHandler {
        @Override
        public void onTimerTask(Event e) {
            if (!closing) {
                e.getReactor().schedule(100, this);
                return;
            }
            if (acceptor != null) {
                acceptor.close();
                acceptor = null;
                for (org.apache.qpid.proton.engine.Connection c : connections) {
                    c.close();
                    if (c.getTransport() != null) c.getTransport().close_head();
                }
                // a moment for the close frames and FINs to go out, then the reactor ends
                e.getReactor().schedule(200, this);
                return;
            }
            e.getReactor().stop();
        }
    }

    /** Opens whatever the client opens, routes requests on $cbs and $management, and answers on the reply-to link. */
    private final class ConnectionHandler extends BaseHandler {
        private final Map<String, Sender> replyLinks = new HashMap<>();
        private final Map<Sender, Queue<Message>> pending = new HashMap<>();

        @Override
        public void onConnectionInit(Event e) {
            connections.add(e.getConnection());
        }

        @Override
        public void onConnectionRemoteOpen(Event e) {
            e.getConnection().setContainer("local-eventhubs");
            e.getConnection().open();
        }

        @Override
        public void onSessionRemoteOpen(Event e) {
            e.getSession().open();
        }

        @Override
        public void onLinkRemoteOpen(Event e) {
            Link link = e.getLink();
            link.setSource(link.getRemoteSource());
            link.setTarget(link.getRemoteTarget());
            link.open();
            if (link instanceof Receiver r) {
                r.flow(100);
            } else if (link.getRemoteTarget() instanceof Target t && t.getAddress() != null) {
                replyLinks.put(t.getAddress(), (Sender) link);
            }
        }

        @Override
        public void onLinkRemoteClose(Event e) {
            e.getLink().close();
        }

        @Override
        public void onSessionRemoteClose(Event e) {
            e.getSession().close();
        }

        @Override
        public void onConnectionRemoteClose(Event e) {
            e.getConnection().close();
        }

        @Override
        public void onLinkFlow(Event e) {
            if (e.getLink() instanceof Sender s) flush(s);
        }

        @Override
        public void onDelivery(Event e) {
            Delivery d = e.getDelivery();
            if (!(d.getLink() instanceof Receiver r) || d.isPartial()) return;
            byte[] bytes = new byte[d.pending()];
            int n = r.recv(bytes, 0, bytes.length);
            r.advance();
            d.disposition(Accepted.getInstance());
            d.settle();
            r.flow(1);
            Message request = Proton.message();
            request.decode(bytes, 0, n);
            String node = ((org.apache.qpid.proton.amqp.messaging.Target) r.getRemoteTarget()).getAddress();
            Message response = answer(node, request);
            Sender reply = replyLinks.get(request.getReplyTo());
            if (reply == null) return;
            pending.computeIfAbsent(reply, k -> new ArrayDeque<>()).add(response);
            flush(reply);
        }

        private void flush(Sender s) {
            Queue<Message> q = pending.getOrDefault(s, new ArrayDeque<>());
            while (s.getCredit() > 0 && !q.isEmpty()) {
                byte[] buf = encode(q.poll());
                Delivery out = s.delivery(String.valueOf(System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.send(buf, 0, buf.length);
                s.advance();
                out.settle();
            }
        }
    }

    private Message answer(String node, Message request) {
        Map<String, Object> props = request.getApplicationProperties() == null ? Map.of()
                : request.getApplicationProperties().getValue();
        String operation = String.valueOf(props.get("operation"));
        String type = String.valueOf(props.get("type"));
        String name = String.valueOf(props.get("name"));
        String partition = props.get("partition") == null ? null : String.valueOf(props.get("partition"));
        requests.add(node + " " + operation + " " + type + " " + name + (partition == null ? "" : "/" + partition));
        if (node.equals("$cbs")) return response(request, 200, "OK", null);
        // management requests carry the SAS token the client made from the connection string's key
        Object token = props.get("security_token");
        if (token == null || !String.valueOf(token).startsWith("SharedAccessSignature sr=")) {
            return response(request, 401, "missing or malformed security_token", null);
        }
        Map<String, Partition> hub = hubs.get(name);
        if (hub == null) return response(request, 404, "The messaging entity '" + name + "' could not be found.", null);
        Map<String, Object> body = new LinkedHashMap<>();
        if (type.equals("com.microsoft:eventhub")) {
            body.put("name", name);
            body.put("created_at", new Date(0));
            body.put("partition_ids", hub.keySet().toArray(new String[0]));
            return response(request, 200, "OK", body);
        }
        Integer failure = failingPartitions.get(name + "/" + partition);
        if (failure != null) return response(request, failure, "partition " + partition + " is unavailable", null);
        Partition p = hub.get(partition);
        if (p == null) return response(request, 404, "no partition " + partition, null);
        body.put("name", name);
        body.put("partition", partition);
        body.put("begin_sequence_number", p.beginSequenceNumber());
        body.put("last_enqueued_sequence_number", p.lastSequenceNumber());
        body.put("last_enqueued_offset", String.valueOf(p.lastSequenceNumber() * 100));
        body.put("last_enqueued_time_utc", new Date(p.lastEnqueuedTime().toEpochMilli()));
        body.put("is_partition_empty", p.empty());
        return response(request, 200, "OK", body);
    }

    private static Message response(Message request, int status, String description, Map<String, Object> body) {
        Message m = Proton.message();
        Properties p = new Properties();
        p.setCorrelationId(request.getMessageId());
        m.setProperties(p);
        Map<String, Object> app = new HashMap<>();
        app.put("status-code", status);
        app.put("status-description", description);
        m.setApplicationProperties(new ApplicationProperties(app));
        if (body != null) m.setBody(new AmqpValue(body));
        return m;
    }

    private static byte[] encode(Message m) {
        for (int size = 4096; ; size *= 2) {
            byte[] buf = new byte[size];
            try {
                int n = m.encode(buf, 0, size);
                return java.util.Arrays.copyOf(buf, n);
            } catch (BufferOverflowException e) {
                // grow and try again
            }
        }
    }
}
