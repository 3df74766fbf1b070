package io.github.fgf.controller.observe;

import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.statetools.action.LastSyncTimeSource;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.store.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One probe round of a region: Flink, Event Hubs and storage. Records only; never acts.
 *
 * <p>The three checks run in parallel and the round ends at its deadline: a check that has not
 * answered by then counts as failed ("no answer within"), so a dead region costs one deadline per
 * round, not the sum of every client's own timeouts and retries (which made a drill take 36 s to
 * declare a loss with a 3 × 5 s policy). A check still hanging from an earlier round is not started
 * again; it fails the round until it returns.
 */
public final class RegionProbe implements AutoCloseable {

    /** The result of one round; a field is null where its probe failed, with the reason in {@code failures}. */
    public record Result(String region, Instant at, boolean flinkUp, boolean eventHubsUp, boolean storageUp, String jobName,
                         String jobState, Long lastCheckpointAgeMillis, Map<PartitionKey, Long> endOffsets, Instant lastEnqueuedTime,
                         Instant lastSyncTime, List<String> failures) {
        public boolean healthy() {
            return failures.isEmpty() && "RUNNING".equals(jobState);
        }

        /** Region-level failure: most of its endpoints unreachable, not one blip or a restarting job. */
        public boolean regionDown() {
            int down = (flinkUp ? 0 : 1) + (eventHubsUp ? 0 : 1) + (storageUp ? 0 : 1);
            return down >= 2;
        }
    }

    /** The round's deadline when none is given: a status check or a probe interval of 5 s or more. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);

    private enum Check { FLINK, EVENT_HUBS, STORAGE }

    private record FlinkSeen(String jobName, String jobState, Long checkpointAgeMillis) {}

    private final Topology.Region region;
    private final String inputHub;
    private final EndOffsetsProbe hub;
    private final FlinkClients flink;
    private final StorageCheck storage;
    private final Duration timeout;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "region-probe");
        t.setDaemon(true);
        return t;
    });
    private final Map<Check, Future<?>> running = new EnumMap<>(Check.class);

    public RegionProbe(Topology.Region region, String inputHub, EndOffsetsProbe hub, FlinkClients flink, StorageCheck storage,
                       Duration timeout) {
        this.region = region;
        this.inputHub = inputHub;
        this.hub = hub;
        this.flink = flink;
        this.storage = storage;
        this.timeout = timeout;
    }

    /** The production checks: Flink's REST API with timeouts within the deadline, and state-tools' storage access. */
    public static RegionProbe of(Topology.Region region, String inputHub, EndOffsetsProbe hub, Duration timeout) {
        return new RegionProbe(region, inputHub, hub, FlinkClients.probing(timeout), storageOf(region), timeout);
    }

    static StorageCheck storageOf(Topology.Region region) {
        return new StorageCheck() {
            @Override
            public void list() {
                SnapshotUri savepoints = SnapshotUri.parse(region.storage().savepoints());
                SnapshotStore.forUri(savepoints).list(savepoints);
            }

            @Override
            public Instant lastSyncTime() {
                return LastSyncTimeSource.read(region.storage().lastSyncTimeFrom());
            }
        };
    }

    /** One round with the default deadline (for {@code status}). */
    public static Result probe(Topology.Region region, String inputHub, EndOffsetsProbe hub) {
        try (RegionProbe p = of(region, inputHub, hub, DEFAULT_TIMEOUT)) {
            return p.probe();
        }
    }

    public Result probe() {
        Instant now = Instant.now();
        List<String> failures = new ArrayList<>();
        Future<FlinkSeen> f = start(Check.FLINK, () -> flink(now));
        Future<Map<PartitionKey, EndOffsetsProbe.PartitionEnd>> e = start(Check.EVENT_HUBS, () -> hub.partitionEnds(inputHub));
        Future<Boolean> listed = start(Check.STORAGE, () -> {
            storage.list();
            return true;
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        FlinkSeen seen = await(f, deadline, "flink", failures);
        if (seen != null && seen.jobState() == null) failures.add("flink: no running job");
        Map<PartitionKey, EndOffsetsProbe.PartitionEnd> ends = await(e, deadline, "event hubs", failures);
        boolean storageUp = await(listed, deadline, "storage", failures) != null;
        Instant lst = null;
        if (storageUp) {
            // Only once the account answered; the Last Sync Time is a second call to the same account (its secondary).
            lst = await(pool.submit(storage::lastSyncTime), deadline, "storage: Last Sync Time", failures);
        }
        return new Result(region.name(), now, seen != null, ends != null, storageUp, seen == null ? null : seen.jobName(),
                seen == null ? null : seen.jobState(), seen == null ? null : seen.checkpointAgeMillis(),
                ends == null ? null : EndOffsetsProbe.offsets(ends), ends == null ? null : EndOffsetsProbe.newest(ends), lst,
                List.copyOf(failures));
    }

    private FlinkSeen flink(Instant now) throws Exception {
        FlinkClient client = flink.of(region);
        String jobName = null;
        String jobState = null;
        Long age = null;
        for (JobSummary j : client.jobs()) {
            if (j.terminal()) continue;
            jobName = j.name();
            jobState = j.state().name();
            age = client.checkpoints(j.id()).latestAckAt().map(ack -> Duration.between(ack, now).toMillis()).orElse(null);
        }
        return new FlinkSeen(jobName, jobState, age);
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> start(Check check, Callable<T> call) {
        Future<?> previous = running.get(check);
        if (previous != null && !previous.isDone()) return (Future<T>) previous; // still hanging: never pile up threads
        Future<T> f = pool.submit(call);
        running.put(check, f);
        return f;
    }

    private static <T> T await(Future<T> f, long deadline, String what, List<String> failures) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException x) {
            failures.add(what + ": no answer within the probe deadline");
        } catch (ExecutionException x) {
            Throwable c = x.getCause();
            // Storage errors say what is wrong (no credentials for an account, say); the others name the exception only.
            boolean detail = what.startsWith("storage") && c.getMessage() != null;
            failures.add(what + ": unreachable (" + (detail ? SnapshotUri.redact(firstLine(c.getMessage())) : c.getClass().getSimpleName())
                    + ")");
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            failures.add(what + ": interrupted");
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
