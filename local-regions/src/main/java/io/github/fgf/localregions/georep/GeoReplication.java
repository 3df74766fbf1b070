package io.github.fgf.localregions.georep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane of the local Geo-Replication: which region's broker serves the namespace host name, the
 * replication into the other one, and promotions. Planned: sends are refused (the caller closes them at the host name),
 * replication catches up regardless of the lag, then the roles swap and replication runs the other way. Forced: the
 * roles switch at once and replication stops; the old primary is no replica any more until {@code addReplica}, which
 * empties it (its unreplicated tail is gone then: drain it first) and copies everything anew.
 */
public final class GeoReplication {

    private static final Logger LOG = LoggerFactory.getLogger(GeoReplication.class);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final Duration PLANNED_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Properties> clients;
    private final Path stateFile;
    private final Clock clock;
    // Read without the lock, so that status and the forwarder's routing answer while a planned promotion catches up.
    private volatile ReplicationState state;
    private volatile DataReplicator replicator;

    /** @param clients direct client properties per region (not through the namespace host name) */
    public GeoReplication(Map<String, Properties> clients, Path stateFile, ReplicationState initial, Clock clock) throws IOException {
        this.clients = clients;
        this.stateFile = stateFile;
        this.clock = clock;
        this.state = Files.exists(stateFile) ? JSON.readValue(stateFile.toFile(), ReplicationState.class) : initial;
        persist();
        if (state.secondary() != null) startReplicating();
    }

    public static ReplicationState initial(String namespace, String primary, String secondary, Duration lag) {
        return new ReplicationState(ReplicationState.MODE, namespace, primary, secondary, lag.toMillis(), 0, null, null);
    }

    public String primary() {
        return state.primary();
    }

    public ReplicationState status() {
        DataReplicator r = replicator;
        return state.withLive(r == null ? null : r.progress());
    }

    /**
     * Promotes the secondary. Planned: {@code beforeSwitch} has already made the primary refuse sends; returns once the
     * secondary has everything and serves the host name. Forced: switches at once.
     */
    public synchronized ReplicationState promote(boolean planned) throws Exception {
        if (state.secondary() == null) {
            throw new IllegalStateException("namespace " + state.namespace() + " has no secondary replica (primary " + state.primary()
                    + "); add one first");
        }
        String from = state.primary();
        String to = state.secondary();
        Map<String, Map<Integer, DataReplicator.PartitionProgress>> before = replicator.progress();
        if (planned && !replicator.catchUpAndStop(PLANNED_TIMEOUT)) {
            startReplicating();
            throw new IllegalStateException("planned promotion to " + to + ": the secondary did not catch up within "
                    + PLANNED_TIMEOUT.toSeconds() + " s; nothing changed");
        }
        if (!planned) replicator.close();
        Map<String, Map<Integer, DataReplicator.PartitionProgress>> done = replicator.progress();
        replicator = null;
        Map<String, Map<Integer, Long>> replicated = new TreeMap<>();
        Map<String, Map<Integer, Long>> primaryEnds = new TreeMap<>();
        (done.isEmpty() ? before : done).forEach((hub, parts) -> parts.forEach((p, pp) -> {
            replicated.computeIfAbsent(hub, h -> new TreeMap<>()).put(p, pp.replicated());
            primaryEnds.computeIfAbsent(hub, h -> new TreeMap<>()).put(p, pp.primaryEnd());
        }));
        // The new primary's hubs take their own enqueue times again; a planned move's old primary keeps the new one's.
        try (Admin a = Admin.create(clients.get(to))) {
            DataReplicator.setTimestampType(a, DataReplicator.topics(a), "LogAppendTime");
        }
        var promotion = new ReplicationState.Promotion(planned ? "planned" : "forced", clock.instant(), from, to, replicated, primaryEnds);
        state = new ReplicationState(state.mode(), state.namespace(), to, planned ? from : null, state.lagMillis(), state.promotions() + 1,
                promotion, null);
        persist();
        LOG.info("Namespace {} promoted ({}): its host name is now served by {}{}", state.namespace(), promotion.kind(), to,
                planned ? ", replicating into " + from : "; " + from + " is no replica any more (its unreplicated records stay there)");
        if (planned) startReplicating();
        return status();
    }

    /** Makes {@code region} the secondary again: empties its hubs and consumer groups, then copies everything anew. */
    public synchronized ReplicationState addReplica(String region) throws Exception {
        if (region.equals(state.primary()) || !clients.containsKey(region)) {
            throw new IllegalArgumentException("replica must be one of " + clients.keySet() + " other than the primary " + state.primary());
        }
        if (replicator != null) replicator.close();
        try (Admin a = Admin.create(clients.get(region))) {
            Set<String> hubs = DataReplicator.topics(a);
            if (!hubs.isEmpty()) a.deleteTopics(hubs).all().get(30, TimeUnit.SECONDS);
            var groups = a.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream().map(g -> g.groupId()).toList();
            int deleted = 0;
            for (String g : groups) {
                try {
                    a.deleteConsumerGroups(List.of(g)).all().get(30, TimeUnit.SECONDS);
                    deleted++;
                } catch (java.util.concurrent.ExecutionException e) {
                    // Gone meanwhile, or a client still in it: the replication of group offsets overwrites what it committed.
                    LOG.debug("Consumer group {} of replica {} not deleted: {}", g, region, e.getCause().getMessage());
                }
            }
            awaitEmpty(a, hubs);
            LOG.info("Replica {} emptied ({} hubs, {} of {} consumer groups) before copying {} anew", region, hubs.size(), deleted,
                    groups.size(), state.primary());
        }
        state = new ReplicationState(state.mode(), state.namespace(), state.primary(), region, state.lagMillis(), state.promotions(),
                state.lastPromotion(), null);
        persist();
        startReplicating();
        return status();
    }

    /**
     * Back to the first region as primary, replicating into the second (the environment's reset). The second is emptied
     * and copied anew, as after a forced promotion: records it took as a primary are gone.
     */
    public synchronized ReplicationState reset(String primary, String secondary) throws Exception {
        if (replicator != null) replicator.close();
        replicator = null;
        try (Admin a = Admin.create(clients.get(primary))) {
            DataReplicator.setTimestampType(a, DataReplicator.topics(a), "LogAppendTime");
        }
        state = new ReplicationState(state.mode(), state.namespace(), primary, null, state.lagMillis(), 0, null, null);
        return addReplica(secondary);
    }

    /**
     * Until every deleted hub is gone or back empty: a client that still asks for it (a consumer's metadata request) has
     * the broker create it again at once (auto-creation, as Event Hubs does not do but the local broker must for tests),
     * and an empty hub is as good for a replica as none.
     */
    private static void awaitEmpty(Admin a, Set<String> hubs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Set<String> left = DataReplicator.topics(a);
            left.retainAll(hubs);
            if (left.isEmpty() || DataReplicator.endOffsets(a, left).values().stream().allMatch(o -> o == 0)) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException("hubs " + hubs + " were neither deleted nor empty within 30 s");
    }

    private void startReplicating() {
        replicator = new DataReplicator(state.primary() + " -> " + state.secondary(), clients.get(state.primary()),
                clients.get(state.secondary()), Duration.ofMillis(state.lagMillis()), clock).start();
    }

    private void persist() throws IOException {
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), state);
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
