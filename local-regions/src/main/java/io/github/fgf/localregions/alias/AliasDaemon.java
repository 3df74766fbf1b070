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
import io.github.fgf.localregions.georep.GeoReplication;
import io.github.fgf.localregions.georep.ReplicationState;
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
 * With {@code --geo-replication=<lag ms>} first, the host name is a Geo-Replication namespace's instead
 * ({@link GeoReplication}): data and consumer offsets are replicated into the secondary, which refuses sends, and
 * <pre>
 * GET  /replication               -> ReplicationState
 * POST /promote?kind=planned|forced -> promote the secondary (planned: sends refused until it has caught up)
 * POST /add-replica?region=NAME  -> empty NAME and replicate into it anew (after a forced promotion)
 * POST /reset-replication        -> the first region primary, replicating into the second
 * </pre>
 * take the place of failover, break-pairing and pair (409 in this mode).
 *
 * Usage: {@code AliasDaemon [--geo-replication=<lagMs>] [--bind-host=<host>] <kafkaPort> <controlPort> <stateFile> <aliasName> <credentialsFile>
 * <region>=<host:port> ...} (the first region is the initial primary; the credentials file, owner-only, maps each region
 * name to its connection string, for metadata or data replication).
 */
public final class AliasDaemon {

    private static final Logger LOG = LoggerFactory.getLogger(AliasDaemon.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Map<String, InetSocketAddress> regions;
    private final Path stateFile;
    private final AtomicReference<PairingStatus> status = new AtomicReference<>();

    AliasDaemon(Map<String, InetSocketAddress> regions, Path stateFile, PairingStatus initial) {
        this.regions = regions;
        this.stateFile = stateFile;
        this.status.set(initial);
    }

    public static void main(String[] argv) throws IOException {
        Long geoReplicationLag = null;
        InetAddress bindHost = InetAddress.getLoopbackAddress();
        int flags = 0;
        for (; flags < argv.length && argv[flags].startsWith("--"); flags++) {
            String[] kv = argv[flags].split("=", 2);
            switch (kv[0]) {
                case "--geo-replication" -> geoReplicationLag = Long.parseLong(kv[1]);
                case "--bind-host" -> bindHost = InetAddress.getByName(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + kv[0]);
            }
        }
        String[] args = java.util.Arrays.copyOfRange(argv, flags, argv.length);
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
        Map<String, java.util.Properties> clients = new LinkedHashMap<>();
        regions.forEach((name, addr) -> clients.put(name, MetadataReplicator.client(addr.getHostString() + ":" + addr.getPort(),
                credentials.getProperty(name))));
        if (geoReplicationLag != null) {
            daemon.geoReplication = new GeoReplication(clients, stateFile.resolveSibling("georep-state.json"),
                    GeoReplication.initial(aliasName, names[0], names[1], java.time.Duration.ofMillis(geoReplicationLag)),
                    java.time.Clock.systemUTC());
            daemon.sendsFollowRoles();
        }
        new AliasForwarder(bindHost, kafkaPort, daemon::activeTarget, daemon.sends);
        daemon.startControlApi(controlPort, aliasName, initial);
        if (geoReplicationLag != null) return;
        MetadataReplicator metadata = new MetadataReplicator(clients);
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "geo-dr-metadata");
            t.setDaemon(true);
            return t;
        }).scheduleWithFixedDelay(() -> {
            PairingStatus s = daemon.status.get();
            if (s.paired()) metadata.sync(s.activeRegion(), s.partnerRegion());
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void startControlApi(int controlPort, String aliasName, PairingStatus initial) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort), 16);
        http.createContext("/", this::handle);
        // A planned promotion can take seconds: status calls and the Geo-DR endpoints are answered meanwhile.
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        http.start();
        LOG.info("{} {} points at region {}; control API on 127.0.0.1:{}", geoReplication == null ? "Alias" : "Geo-Replication namespace",
                aliasName, geoReplication == null ? initial.activeRegion() : geoReplication.primary(), controlPort);
    }

    /** The Geo-Replication mode's namespace; null in Geo-DR mode. */
    private GeoReplication geoReplication;

    /** Only the primary replica takes sends: a client still connected to the other one is closed and comes back here. */
    private void sendsFollowRoles() {
        String primary = geoReplication.primary();
        regions.keySet().forEach(r -> sends.readOnly(r, !r.equals(primary)));
    }

    /** Hubs whose sends are disabled, per region (Event Hubs' entity status SendDisabled). */
    final SendGate sends = new SendGate();

    AliasForwarder.Target activeTarget() {
        String region = geoReplication != null ? geoReplication.primary() : status.get().activeRegion();
        return new AliasForwarder.Target(region, regions.get(region));
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        try {
            if (geoReplication != null && geoReplicationCall(ex, method + " " + path)) return;
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

    /** The Geo-Replication mode's endpoints; true if it answered. Geo-DR's role changes are refused in this mode. */
    private boolean geoReplicationCall(HttpExchange ex, String call) throws IOException {
        try {
            switch (call) {
                case "GET /replication" -> reply(ex, 200, geoReplication.status());
                case "GET /pairing" -> {
                    ReplicationState r = geoReplication.status();
                    reply(ex, 200, new PairingStatus(r.namespace(), r.primary(), r.secondary(), PairingStatus.PRIMARY, r.promotions()));
                }
                case "POST /promote" -> {
                    String kind = query(ex, "kind");
                    if (!"planned".equals(kind) && !"forced".equals(kind)) {
                        reply(ex, 400, Map.of("error", "kind must be planned or forced"));
                        return true;
                    }
                    String primary = geoReplication.primary();
                    // A planned promotion refuses sends while the secondary catches up, as Event Hubs does.
                    if (kind.equals("planned")) sends.readOnly(primary, true);
                    try {
                        ReplicationState r = geoReplication.promote(kind.equals("planned"));
                        reply(ex, 200, r);
                    } finally {
                        sendsFollowRoles();
                    }
                }
                case "POST /add-replica" -> reply(ex, 200, geoReplication.addReplica(String.valueOf(query(ex, "region"))));
                case "POST /reset-replication" -> {
                    String[] names = regions.keySet().toArray(String[]::new);
                    ReplicationState r = geoReplication.reset(names[0], names[1]);
                    sendsFollowRoles();
                    reply(ex, 200, r);
                }
                case "POST /failover", "POST /break-pairing", "POST /pair" -> reply(ex, 409, Map.of("error",
                        "the namespace is in Geo-Replication mode: promote with POST /promote?kind=planned|forced"));
                default -> {
                    return false;
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            reply(ex, 409, Map.of("error", String.valueOf(e.getMessage())));
        } catch (Exception e) {
            reply(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
        }
        return true;
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
