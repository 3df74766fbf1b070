package io.github.fgf.controller.act;

import io.github.fgf.controller.act.FailoverRecord.Mode;
import io.github.fgf.controller.act.FailoverRecord.Status;
import io.github.fgf.controller.act.FailoverRecord.Step;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.decide.EpochCounter;
import io.github.fgf.controller.decide.SourceStart;
import io.github.fgf.controller.decide.RestorePointDecision;
import io.github.fgf.controller.decide.RestorePointSelector;
import io.github.fgf.controller.geodr.GeoDrClient;
import io.github.fgf.controller.geodr.GeoDrStatus;
import io.github.fgf.controller.observe.ConsumerProgress;
import io.github.fgf.controller.observe.RestorePointObserver;
import io.github.fgf.controller.observe.RestorePoints;
import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.flinkclient.ClaimMode;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.FlinkClientException;
import io.github.fgf.controller.observe.PartitionKey;
import io.github.fgf.flinkclient.JobId;
import io.github.fgf.flinkclient.JobState;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.flinkclient.RestoreSettings;
import io.github.fgf.flinkclient.RunRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forced failover as a chain of named, idempotent, recorded steps:
 * {@code chooseRestorePoint() -> fence() -> promote() -> submit() -> verify()}, under the lease.
 * A controller killed between two steps and started again reads the record and continues with the
 * first step not done; every step checks the world before acting, so nothing is done twice.
 */
public final class FailoverRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverRunner.class);
    public static final Duration VERIFY_TIMEOUT = Collaborators.Timing.defaults().verify();

    /** Run options: planned or forced; accept an RPO beyond the policy; halt the JVM right after a step (crash drills). */
    public record Options(boolean planned, boolean acceptRpo, Optional<Step> crashAfter) {}

    public static final Duration DRAIN_TIMEOUT = Collaborators.Timing.defaults().drain();
    public static final Duration REPLICATION_TIMEOUT = Collaborators.Timing.defaults().replication();

    private final Topology topology;
    private final RecordStore store;
    private final GeoDrClient geoDr;
    private final AuditLog audit;
    private final Clock clock;
    private final Options options;
    private final PlannedSteps planned;
    private final FlinkClients flink;
    private final RestorePoints restorePoints;
    private final Collaborators.Timing timing;
    private final StepHook hook;
    private final java.util.function.Function<Topology.Region, ConsumerProgress> progress;

    public FailoverRunner(Topology topology, RecordStore store, GeoDrClient geoDr, Clock clock, Options options) {
        this(topology, Collaborators.production(topology, store, geoDr, clock), options);
    }

    public FailoverRunner(Topology topology, Collaborators c, Options options) {
        this.topology = topology;
        this.store = c.store();
        this.geoDr = c.geoDr();
        this.flink = c.flink();
        this.restorePoints = c.restorePoints();
        this.audit = new AuditLog(store.localDir());
        this.clock = c.clock();
        this.timing = c.timing();
        // A crash drill halts through the same hook a test uses to crash a runner.
        this.hook = options.crashAfter().map(s -> StepHook.haltAfter(s.key())).orElse(c.hook());
        this.options = options;
        this.planned = new PlannedSteps(topology, c);
        this.progress = c.progress();
    }

    public FailoverRecord run(String controllerId) throws Exception {
        try (HeldLease lease = store.acquireLease(controllerId)) {
            Optional<FailoverRecord> existing = store.read();
            if (existing.isPresent() && existing.get().status() == Status.DONE
                    && existing.get().to().equals(topology.secondary().name())) {
                LOG.info("Nothing to do: failover {} (epoch {}) to {} is already done", existing.get().id(),
                        existing.get().epoch(), existing.get().to());
                return existing.get();
            }
            FailoverRecord r = existing.filter(e -> e.status() == Status.IN_PROGRESS).orElse(null);
            if (r == null) {
                long epoch = EpochCounter.next(existing, store.readEpoch());
                Instant now = clock.instant();
                r = new FailoverRecord(UUID.randomUUID().toString(), epoch,
                        options.planned() ? Mode.PLANNED : Mode.FORCED, topology.primary().name(),
                        topology.secondary().name(), Status.IN_PROGRESS, null, now, Map.of(), null, null, List.of(),
                        jobBaseName() + "-e" + epoch, null, Map.of(), Map.of(), null);
                LastProbe.Observation seen = LastProbe.read(store.localDir()).orElse(new LastProbe.Observation(null, Map.of(), null));
                r = r.withLastProbe(seen);
                // Geo-Replication: a job an earlier failover repositioned reads with that failover's source label.
                var inherited = existing.map(FailoverRecord::sourceStart).map(SourceStart::label);
                if (inherited.isPresent()) r = r.withSourceStart(new SourceStart(inherited.get(), Map.of(), Map.of(), Map.of()));
                store.write(r, lease);
                audit.append(now, epoch, "declared", r.mode() + " failover from " + r.from() + " to " + r.to() + " by " + controllerId);
                LOG.info("Failover {} declared: epoch {}, from {} to {}", r.id(), epoch, r.from(), r.to());
            } else {
                List<String> done = r.steps().keySet().stream().map(Step::key).toList();
                audit.append(clock.instant(), r.epoch(), "resumed", "steps done: " + done);
                LOG.info("Resuming failover {} (epoch {}) after steps {}", r.id(), r.epoch(), done);
            }
            boolean geoReplicated = topology.alias().geoReplicated();
            if (r.planned() && geoReplicated) {
                r = plannedGeoReplicated(r, lease);
                if (r.status() == Status.REFUSED) return r;
            } else if (r.planned()) {
                // Lossless order: new events go to B first, A's job drains what A holds, then stops with a
                // savepoint, which must replicate before B restores it.
                r = step(Step.PROMOTE, r, lease, this::promote);
                // Producers still connected to A keep writing there (as with DNS): disabling sends on A's input hub makes
                // them fail, connect again through the alias and reach B; then A's hub stops growing and can drain.
                r = step(Step.DISABLE_SENDS, r, lease, planned::disableSends);
                r = step(Step.DRAIN, r, lease, planned::drain);
                r = step(Step.STOP, r, lease, planned::stop);
                r = step(Step.REPLICATE, r, lease, planned::awaitReplication);
                r = step(Step.CHOOSE, r, lease, this::chooseRestorePoint);
                if (r.status() == Status.REFUSED) return r;
            } else {
                // Choosing only reads, so it comes before anything that cannot be undone: a refusal (max RPO, say)
                // leaves A's job alone and the alias paired (Geo-DR fails over only once).
                r = step(Step.CHOOSE, r, lease, this::chooseRestorePoint);
                if (r.status() == Status.REFUSED) return r;
                r = step(Step.FENCE, r, lease, this::fence);
                r = step(Step.PROMOTE, r, lease, this::promote);
            }
            // Geo-Replication: position checks the restore offsets against what replication had reached.
            if (geoReplicated) r = step(Step.POSITION, r, lease, this::position);
            r = step(Step.SUBMIT, r, lease, this::submit);
            r = step(Step.VERIFY, r, lease, this::verify);
            r = r.withStatus(Status.DONE, "job running in " + r.to() + " from " + r.restorePoint());
            store.write(r, lease);
            audit.append(clock.instant(), r.epoch(), "done", r.reason());
            return r;
        }
    }

    /**
     * A planned move in Geo-Replication mode: the data is in the secondary already, so the primary's job stops with a
     * savepoint first (what follows it stays in the hub and is replicated), the promotion waits until the secondary has
     * everything, and that savepoint is restored at its own offsets: nothing lost, nothing replayed. A forced one takes
     * Geo-DR's order; both then position the source.
     */
    private FailoverRecord plannedGeoReplicated(FailoverRecord r, HeldLease lease) throws Exception {
        r = step(Step.STOP, r, lease, planned::stop);
        r = step(Step.PROMOTE, r, lease, this::promote);
        r = step(Step.REPLICATE, r, lease, planned::awaitReplication);
        return step(Step.CHOOSE, r, lease, this::chooseRestorePoint);
    }

    /**
     * Where the source starts in the new primary: the restore point's offsets, unless replication had not reached them
     * (see {@link SourceStart}). Reads the new primary through its own endpoint: its end offsets, and its first records
     * enqueued at or after the declaration (replicated records are older than the loss; new ones are newer).
     */
    private FailoverRecord position(FailoverRecord r) throws Exception {
        ConsumerProgress b = progress.apply(topology.secondary());
        Map<PartitionKey, Long> ends = b.endOffsets(inputHub());
        Map<PartitionKey, Long> atDeclaration = b.offsetsAt(inputHub(), r.declaredAt());
        SourceStart start = SourceStart.decide(r.restoreOffsets(), ends, atDeclaration, sourceLabel(r), r.epoch());
        if (start.repositioned()) {
            start.moved().forEach((p, m) -> LOG.info("Source partition {} starts at {} instead of the restore point's {}, because its"
                    + " offsets are {}", p, m.start(), m.restoreOffset(), m.reason()));
            LOG.info("The source gets the label {} so that no restored offset overrides these starts: {}", start.label(), start.offsets());
        } else {
            LOG.info("Source resumes at the restore point's offsets {} in {}: replication had reached every one", r.restoreOffsets(), r.to());
        }
        return r.withSourceStart(start);
    }

    /** The source label of the job running now: the last repositioning's, or the topology's (the host name's first label). */
    private String sourceLabel(FailoverRecord r) {
        return r.sourceStart() != null ? r.sourceStart().label() : topology.job().arg("--source.namespace", topology.alias().name());
    }

    private interface StepAction {
        FailoverRecord apply(FailoverRecord r) throws Exception;
    }

    private FailoverRecord step(Step step, FailoverRecord r, HeldLease lease, StepAction action) throws Exception {
        if (r.done(step)) return r;
        lease.ensureHeld();
        FailoverRecord next = action.apply(r);
        if (next.status() == Status.REFUSED) {
            store.write(next, lease);
            audit.append(clock.instant(), r.epoch(), "refused", next.reason());
            return next;
        }
        hook.acted(step.key());
        Instant at = clock.instant();
        next = next.withStep(step, at);
        store.write(next, lease);
        audit.append(at, r.epoch(), step.key(), describe(step, next));
        hook.recorded(step.key());
        return next;
    }

    private static String describe(Step step, FailoverRecord r) {
        return switch (step) {
            case CHOOSE -> "restore point " + r.restorePoint() + " written " + r.restorePointCompletedAt();
            case STOP -> "stopped with savepoint " + r.plannedSavepoint();
            case DRAIN -> "drained to end offsets " + r.lastKnownEndOffsets();
            case SUBMIT, VERIFY -> "job " + r.jobName() + " " + r.jobId();
            default -> "done";
        };
    }

    /** Best effort: A is usually unreachable; the epoch in every output tells old from new anyway. */
    private FailoverRecord fence(FailoverRecord r) {
        try {
            FlinkClient a = flink.of(topology.primary());
            for (JobSummary j : a.jobs()) {
                if (!j.terminal()) {
                    a.cancel(j.id());
                    LOG.info("Fenced region {}: cancelled job {} ({})", r.from(), j.name(), j.id());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Fencing region {} skipped: its Flink is unreachable ({}); outputs carry epoch {}", r.from(),
                    e.getClass().getSimpleName(), r.epoch());
        }
        return r;
    }

    private FailoverRecord promote(FailoverRecord r) {
        if (topology.alias().geoReplicated()) {
            GeoDrStatus s = geoDr.status();
            if (r.to().equals(s.activeRegion())) {
                LOG.info("Namespace {} is already served by {}: no second promotion", s.alias(), r.to());
                return r;
            }
            GeoDrStatus after = geoDr.promote(r.to(), r.planned());
            LOG.info("Promoted {} ({}): namespace {} is served there now{}", r.to(), r.planned() ? "planned" : "forced", after.alias(),
                    r.planned() ? ", with everything replicated" : "; what was not replicated stays in " + r.from());
            return r;
        }
        // The new primary's input hub may have been send-disabled by an earlier planned failover away from it.
        geoDr.setSends(topology.alias().partnerOf(topology.secondary()), inputHub(), true);
        GeoDrStatus s = geoDr.status();
        boolean promoted = !s.paired() && (s.activeRegion() == null || s.activeRegion().equals(r.to()));
        if (promoted) {
            LOG.info("Alias {} already points at {}: no second Geo-DR failover", s.alias(), r.to());
            return r;
        }
        GeoDrStatus after = geoDr.failover();
        LOG.info("Promoted {}: alias {} failed over (role {})", r.to(), after.alias(), after.role());
        return r;
    }

    private FailoverRecord chooseRestorePoint(FailoverRecord r) throws Exception {
        RestorePointObserver.Observation o = restorePoints.observe();
        Instant declared = r.declaredAt();
        // A planned move restores its final savepoint, which nothing is newer than: shipped checkpoints do not compete.
        var candidates = r.planned() ? o.candidates().stream()
                .filter(c -> c.kind() == io.github.fgf.controller.decide.RestorePointCandidate.Kind.SAVEPOINT).toList() : o.candidates();
        RestorePointDecision d = RestorePointSelector.select(candidates, o.lastSyncTime(), declared,
                topology.policy().maxRpo(), options.acceptRpo());
        List<Map<String, String>> rejected = new ArrayList<>();
        d.rejected().forEach(x -> rejected.add(Map.of("path", x.path(), "reason", x.reason())));
        if (d.refused()) {
            return r.withRestorePoint(d.chosen().map(c -> c.path()).orElse(null), null, rejected, Map.of())
                    .withStatus(Status.REFUSED, d.reason());
        }
        var chosen = d.chosen().get();
        if (r.planned() && !SnapshotUri.parse(chosen.path()).withoutQuery()
                .equals(topology.primary().storage().secondaryCopyOf(r.plannedSavepoint()))) {
            return r.withRestorePoint(chosen.path(), null, rejected, Map.of()).withStatus(Status.REFUSED,
                    "planned failover: the newest restorable savepoint is " + chosen.path() + ", not the final savepoint "
                            + r.plannedSavepoint());
        }
        return r.withRestorePoint(chosen.path(), chosen.completedAt(), rejected,
                restorePoints.sourceOffsets(chosen.path()));
    }

    private FailoverRecord submit(FailoverRecord r) throws Exception {
        FlinkClient b = flink.of(topology.secondary());
        // The JobID comes from the failover record, so a controller killed after submitting, or a second controller,
        // can never restore twice: Flink refuses a second job with the same id.
        JobId fixedId = jobIdOf(r);
        for (JobSummary j : b.jobs()) {
            if ((j.id().equals(fixedId) || j.name().equals(r.jobName())) && !j.terminal()) {
                LOG.info("Job {} already runs in {} ({}): adopting it, no second restore", j.name(), r.to(), j.id());
                return r.withJob(j.id().hex());
            }
        }
        Optional<String> ready = StandbyJar.ready(b, Path.of(topology.job().jar()));
        String jar = ready.isPresent() ? ready.get() : b.upload(Path.of(topology.job().jar()));
        LOG.info(ready.isPresent() ? "Submitting from the jar {} watch uploaded to {} in advance: no upload at failover"
                : "Uploaded the jar {} to {} now: no standby had it ready", jar, r.to());
        JobId jobId;
        try {
            jobId = b.run(RunRequest.of(jar, topology.job().entryClass(), jobArgs(topology, r, secondaryClusterId()),
                            topology.job().parallelism())
                    .restoringFrom(restoreSettings(r)).withJobId(fixedId));
        } catch (FlinkClientException.DuplicateJob e) {
            LOG.info("Job {} was submitted to {} by another attempt meanwhile: adopting {}", r.jobName(), r.to(), fixedId);
            return r.withJob(fixedId.hex());
        }
        LOG.info("Submitted {} to {} from {} with allowNonRestoredState and NO_CLAIM: source {}{}", r.jobName(), r.to(), r.restorePoint(),
                topology.alias().geoReplicated() && r.sourceStart() != null
                        ? (r.sourceStart().repositioned() ? "label " + r.sourceStart().label() + " repositioned at " + r.sourceStart().offsets()
                                : "label " + r.sourceStart().label() + " at the restore point's own offsets (Geo-Replication)")
                        : "namespace " + topology.secondary().namespace() + " starts at the declaration",
                r.planned() ? "" : "; windows that may lack stranded events are held until failback");
        return r.withJob(jobId.hex());
    }

    /**
     * How B's job restores. NO_CLAIM: the restore point lives in A's account (its geo-secondary copy), which B's job
     * must never delete from, and which a failback may still need; B's first checkpoint is then a full one, in B's
     * own account. allowNonRestoredState: a savepoint of an older job version may hold state of an operator this
     * version dropped; keeping the region down for it would cost more than that state is worth.
     */
    static RestoreSettings restoreSettings(FailoverRecord r) {
        return new RestoreSettings(r.restorePoint(), ClaimMode.NO_CLAIM, true);
    }

    /** Clock skew allowed between the controller and the namespace when starting from the declaration. */
    static final Duration START_SLACK = Duration.ofMinutes(1);

    /**
     * The consumer group of the job of an epoch: the configured one for the job the user started (epoch 0), and
     * {@code <group>-e<epoch>} after, so an old epoch's job can never commit offsets that a newer one's failback trusts.
     */
    public static String consumerGroup(Topology topology, long epoch) {
        String base = topology.job().arg("--eventhubs.consumer-group", "fgf-telemetry");
        return epoch == 0 ? base : base + "-e" + epoch;
    }

    /** The Flink JobID of a failover's job: the record's id (a UUID) as 32 hex digits. */
    public static JobId jobIdOf(FailoverRecord r) {
        String hex = r.id().replace("-", "");
        return JobId.of(hex.length() == 32 && hex.matches("[0-9a-fA-F]+") ? hex
                : String.format("%032x", new java.math.BigInteger(1, r.id().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .mod(java.math.BigInteger.TWO.pow(128))));
    }

    /**
     * The secondary namespace's Kafka cluster id, asked directly, for the new job's fence: with it, a job whose client
     * still resolves the alias to the primary (a DNS cache after the move) restarts until it reaches the secondary,
     * instead of recording the primary as its namespace and fencing itself for good once the alias resolves anew.
     */
    private Optional<String> secondaryClusterId() {
        try {
            Optional<String> id = progress.apply(topology.secondary()).clusterId();
            if (id.isEmpty()) LOG.warn("The secondary's namespace reports no Kafka cluster id: its job records the first one it reaches");
            return id;
        } catch (Exception e) {
            LOG.warn("Cannot read the Kafka cluster id of {}'s namespace ({}): its job records the first cluster it reaches",
                    topology.secondary().name(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The program arguments of a failover's job in the secondary, without a known cluster id. */
    static List<String> jobArgs(Topology topology, FailoverRecord r) {
        return jobArgs(topology, r, Optional.empty());
    }

    /** The program arguments of a failover's job in the secondary: the topology's, then the restore's own. */
    static List<String> jobArgs(Topology topology, FailoverRecord r, Optional<String> clusterId) {
        Topology.Region s = topology.secondary();
        Topology.JobSpec job = topology.job();
        List<String> args = new ArrayList<>(job.args());
        if (job.connectionStringFile() != null) {
            args.addAll(List.of("--eventhubs.connection-string-file", job.connectionStringFile()));
        } else if (job.connectionStringEnv() != null) {
            args.addAll(List.of("--eventhubs.connection-string-env", job.connectionStringEnv()));
        } else if (!job.args().contains("--eventhubs.connection-string-file") && !job.args().contains("--eventhubs.connection-string-env")) {
            // Deprecated: the secret as a program argument, visible in Flink's UI. Kept so that older topologies still work.
            LOG.warn("The alias' connection string goes to the job as a program argument; set job.connectionStringFile or "
                    + "job.connectionStringEnv so that it does not show in Flink's UI");
            args.addAll(List.of("--eventhubs.connection-string", topology.alias().connectionString()));
        }
        if (topology.alias().bootstrap() != null) args.addAll(List.of("--eventhubs.local-bootstrap", topology.alias().bootstrap()));
        // Start where the move began, by enqueue time, rather than at earliest: a secondary's hubs may still hold history
        // that was counted long ago (a local alias keeps it across failbacks); nothing new reached them before the loss.
        Instant start = r.declaredAt().minus(START_SLACK);
        args.addAll(List.of("--eventhubs.consumer-group", consumerGroup(topology, r.epoch())));
        String label = s.namespaceName();
        String position = "timestamp:" + start;
        if (topology.alias().geoReplicated() && r.sourceStart() != null) {
            // Geo-Replication: the same host name, so the same source (restored offsets), unless positioning moved it.
            label = r.sourceStart().label();
            position = r.sourceStart().repositioned() ? r.sourceStart().startPosition(topology.job().arg("--hubs.input", "telemetry"))
                    : "savepoint";
        }
        args.addAll(List.of("--source.namespace", label, "--source.start-position", position,
                "--storage.checkpoints", s.storage().checkpoints(), "--storage.savepoints", s.storage().savepoints(),
                "--region.name", s.name(), "--failover.epoch", String.valueOf(r.epoch()), "--job.name", r.jobName()));
        if (!r.planned()) {
            // Events the lost region accepted after the restore point were enqueued before the alias moved: the job marks
            // and holds every window that may lack them until failback has drained them.
            args.addAll(List.of("--failover.stranded-before", r.stepAt(Step.PROMOTE).orElse(r.declaredAt()).toString()));
        }
        clusterId.ifPresent(id -> args.addAll(List.of("--fence.cluster-id", id)));
        return args;
    }

    /**
     * RUNNING with a completed checkpoint, and records flowing: the new job's Kafka source has read everything the
     * secondary's input hub held, from the job's start position, when the job first checkpointed (its own positions,
     * Flink's {@code currentOffset} metrics). A job that is RUNNING but reads nothing, say from a broker it cannot reach,
     * never verifies. Only where Flink cannot report the source's positions does it fall back to RUNNING with a
     * checkpoint, with a warning.
     */
    private FailoverRecord verify(FailoverRecord r) throws Exception {
        FlinkClient b = flink.of(topology.secondary());
        JobId id = JobId.of(r.jobId());
        long deadline = System.nanoTime() + timing.verify().toNanos();
        Map<PartitionKey, Long> held = null;
        Map<PartitionKey, Long> read = Map.of();
        while (System.nanoTime() < deadline) {
            if (b.state(id) == JobState.RUNNING && b.checkpoints(id).completed() >= 1) {
                if (held == null) held = heldBySecondary(r.declaredAt().minus(START_SLACK));
                try {
                    read = PlannedSteps.sourcePositions(b, id, inputHub());
                } catch (FlinkClientException e) {
                    LOG.warn("Verified {} in {}: RUNNING with a completed checkpoint; whether records flow is unchecked: its"
                            + " source positions are unavailable ({})", r.jobName(), r.to(), e.getMessage());
                    return r;
                }
                if (caughtUp(read, held)) {
                    LOG.info("Verified {} in {}: RUNNING, checkpointed, and its source has read the input the secondary held"
                            + " from its start position ({} events)", r.jobName(), r.to(), held.values().stream().mapToLong(Long::longValue).sum());
                    return r;
                }
            }
            Thread.sleep(Math.min(250, timing.poll().toMillis()));
        }
        throw new IllegalStateException("job " + r.jobId() + " in " + r.to() + " is not RUNNING with a completed checkpoint and records"
                + " flowing after " + timing.verify().toSeconds() + " s (input to read " + held + ", source read " + read
                + "); rerun failover to retry verification");
    }

    /**
     * Per partition of the secondary's input hub, the end offset if the job has records to read there from its start
     * position; 0 where it has none (every record older than the start, or none at all). Empty if the namespace does
     * not answer: then the source is not checked against it.
     */
    private Map<PartitionKey, Long> heldBySecondary(java.time.Instant start) {
        try {
            ConsumerProgress p = progress.apply(topology.secondary());
            Map<PartitionKey, Long> end = p.endOffsets(inputHub());
            Map<PartitionKey, Long> from = p.offsetsAt(inputHub(), start);
            Map<PartitionKey, Long> out = new java.util.TreeMap<>();
            end.forEach((k, e) -> {
                Long f = from.get(k);
                out.put(k, f != null && (f < 0 || f >= e) ? 0L : e);
            });
            return out;
        } catch (Exception e) {
            LOG.warn("Cannot read the end offsets of {}'s input hub ({}): verify checks only that the job runs and checkpoints",
                    topology.secondary().name(), e.getMessage());
            return Map.of();
        }
    }

    /** Every partition that held records has been read to where it ended. */
    static boolean caughtUp(Map<PartitionKey, Long> read, Map<PartitionKey, Long> held) {
        return held.entrySet().stream().allMatch(e -> e.getValue() <= 0 || read.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private String inputHub() {
        return topology.job().arg("--hubs.input", "telemetry");
    }

    private String jobBaseName() {
        return topology.job().arg("--job.name", "fgf-telemetry");
    }
}
