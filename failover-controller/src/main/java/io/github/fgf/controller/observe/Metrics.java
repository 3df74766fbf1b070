package io.github.fgf.controller.observe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Gauges in Prometheus text format on a loopback port ({@code GET /metrics}). */
public final class Metrics implements AutoCloseable {

    private final Map<String, Double> gauges = new ConcurrentHashMap<>();
    private final HttpServer server;

    public Metrics(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
        server.createContext("/metrics", ex -> {
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code name{label="v",...}} -> value. */
    public void set(String series, double value) {
        gauges.put(series, value);
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        String lastName = null;
        for (var e : new TreeMap<>(gauges).entrySet()) {
            String name = e.getKey().contains("{") ? e.getKey().substring(0, e.getKey().indexOf('{')) : e.getKey();
            if (!name.equals(lastName)) b.append("# TYPE ").append(name).append(" gauge\n");
            lastName = name;
            b.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
