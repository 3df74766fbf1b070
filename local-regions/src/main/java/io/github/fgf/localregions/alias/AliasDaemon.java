package io.github.fgf.localregions.alias;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Geo-DR alias process: the TCP forwarder plus a loopback HTTP control API.
 *
 * <pre>
 * GET  /pairing           -> PairingStatus
 * POST /failover          -> promote the partner, break the pairing (409 if not paired)
 * POST /break-pairing     -> stop replicating, keep the active region
 * POST /pair?partner=NAME -> pair again with NAME as secondary (roles reversed after a failover)
 * GET  /sends             -> {"disabled": {region: [hub, ...]}}
 * POST /sends?region=R&amp;hub=H&amp;enabled=false|true -> the hub's entity status SendDisabled or Active: a produce
 *                            request to a disabled hub closes its connection (see {@link AliasForwarder})
 * </pre>
 *
 * Usage: {@code AliasDaemon <kafkaPort> <controlPort> <stateFile> <aliasName> <credentialsFile> <region>=<host:port> ...}
 * (the first region is the initial primary; the credentials file, owner-only, maps each region
 * name to its connection string, for metadata replication).
 */
public final class AliasDaemon {

    private static final Logger LOG = LoggerFactory.getLogger(AliasDaemon.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, InetSocketAddress> regions;
    private final Path stateFile;
    private final AtomicReference<PairingStatus> status = new AtomicReference<>();

    AliasDaemon(Map<String, InetSocketAddress> regions, Path stateFile, PairingStatus initial) {
        this.regions = regions;
        this.stateFile = stateFile;
        this.status.set(initial);
    }

    public static void main(String[] args) throws IOException {
        int kafkaPort = Integer.parseInt(args[0]);
        int controlPort = Integer.parseInt(args[1]);
        Path stateFile = Path.of(args[2]);
        String aliasName = args[3];
        java.util.Properties credentials = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of(args[4]))) {
            credentials.load(in);
        }
        Map<String, InetSocketAddress> regions = new LinkedHashMap<>();
        Map<String, InetSocketAddress> forwardTo = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            String[] direct = kv[1].split("/", 2);
            String[] hp = direct[0].split(":");
            regions.put(kv[0], new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
            forwardTo.put(kv[0], new InetSocketAddress(hp[0], direct.length > 1 ? Integer.parseInt(direct[1]) : Integer.parseInt(hp[1])));
        }
        String[] names = regions.keySet().toArray(String[]::new);
        // A restarted alias keeps its pairing, as the real one survives any client or controller.
        PairingStatus initial = Files.exists(stateFile)
                ? JSON.readValue(stateFile.toFile(), PairingStatus.class)
                : PairingStatus.paired(aliasName, names[0], names[1], 0);
        AliasDaemon daemon = new AliasDaemon(forwardTo, stateFile, initial);
        daemon.persist();
        new AliasForwarder(kafkaPort, daemon::activeTarget, daemon.sends);
        Map<String, java.util.Properties> clients = new LinkedHashMap<>();
        regions.forEach((name, addr) -> clients.put(name, MetadataReplicator.client(addr.getHostString() + ":" + addr.getPort(),
                credentials.getProperty(name))));
        MetadataReplicator metadata = new MetadataReplicator(clients);
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "geo-dr-metadata");
            t.setDaemon(true);
            return t;
        }).scheduleWithFixedDelay(() -> {
            PairingStatus s = daemon.status.get();
            if (s.paired()) metadata.sync(s.activeRegion(), s.partnerRegion());
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort), 16);
        http.createContext("/", daemon::handle);
        http.start();
        LOG.info("Alias {} on 127.0.0.1:{} points at region {}; control API on 127.0.0.1:{}",
                aliasName, kafkaPort, initial.activeRegion(), controlPort);
    }

    /** Hubs whose sends are disabled, per region (Event Hubs' entity status SendDisabled). */
    final SendGate sends = new SendGate();

    AliasForwarder.Target activeTarget() {
        String region = status.get().activeRegion();
        return new AliasForwarder.Target(region, regions.get(region));
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        try {
            synchronized (this) {
                PairingStatus s = status.get();
                switch (method + " " + path) {
                    case "GET /pairing" -> reply(ex, 200, s);
                    case "POST /failover" -> {
                        if (!s.paired()) {
                            reply(ex, 409, Map.of("error", "alias " + s.alias()
                                    + " is not paired (active region " + s.activeRegion() + "); nothing to fail over to"));
                            return;
                        }
                        update(s.failedOver(), "failover requested: alias now points at the former secondary");
                        reply(ex, 200, status.get());
                    }
                    case "POST /break-pairing" -> {
                        update(s.broken(), "break-pairing requested");
                        reply(ex, 200, status.get());
                    }
                    case "POST /pair" -> {
                        String partner = query(ex, "partner");
                        if (partner == null || !regions.containsKey(partner) || partner.equals(s.activeRegion())) {
                            reply(ex, 400, Map.of("error", "partner must be one of " + regions.keySet()
                                    + " other than the active region " + s.activeRegion()));
                            return;
                        }
                        update(s.pairedWith(partner), "pairing requested with " + partner);
                        reply(ex, 200, status.get());
                    }
                    case "GET /sends" -> reply(ex, 200, Map.of("disabled", sends.disabled()));
                    case "POST /sends" -> {
                        String region = query(ex, "region");
                        String hub = query(ex, "hub");
                        String enabled = query(ex, "enabled");
                        if (region == null || !regions.containsKey(region) || hub == null || hub.isBlank()
                                || !("true".equals(enabled) || "false".equals(enabled))) {
                            reply(ex, 400, Map.of("error", "expected region (one of " + regions.keySet() + "), hub and enabled=true|false"));
                            return;
                        }
                        sends.set(region, hub, Boolean.parseBoolean(enabled));
                        LOG.info("Sends to hub {} of region {} are now {}", hub, region, enabled.equals("true") ? "enabled" : "disabled");
                        reply(ex, 200, Map.of("disabled", sends.disabled()));
                    }
                    default -> reply(ex, 404, Map.of("error", "no such endpoint: " + method + " " + path));
                }
            }
        } catch (RuntimeException e) {
            reply(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void update(PairingStatus next, String why) throws IOException {
        status.set(next);
        persist();
        LOG.info("Alias {} now points at {} (partner {}, role {}): {}", next.alias(), next.activeRegion(),
                next.partnerRegion(), next.role(), why);
    }

    private void persist() throws IOException {
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), status.get());
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String query(HttpExchange ex, String key) {
        String q = ex.getRequestURI().getQuery();
        if (q == null) return null;
        for (String kv : q.split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals(key) && p.length == 2) return p[1];
        }
        return null;
    }

    private static void reply(HttpExchange ex, int code, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
