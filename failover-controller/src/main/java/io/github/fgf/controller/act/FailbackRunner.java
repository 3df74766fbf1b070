package io.github.fgf.controller.act;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.geodr.GeoDrClient;
import io.github.fgf.controller.observe.KafkaEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.job.state.ControlRecords;
import io.github.fgf.controller.cluster.FlinkClients;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.JobSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failback as named, recorded steps: {@code fence() -> drain() -> awaitProcessed() -> release()
 * -> awaitProcessed() -> countTooOld() -> pair()}. The job in the new primary holds every window
 * that may lack the old primary's stranded events; only once it has checkpointed every drained
 * event (its committed offsets pass them) does the control record tell it to emit those windows
 * complete, so a release can never overtake a drained event.
 */
public final class FailbackRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FailbackRunner.class);
    public static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(5);

    private final Topology topology;
    private final ControllerStore store;
    private final GeoDrClient geoDr;
    private final Clock clock;
    private final FlinkClients flink;

    public FailbackRunner(Topology topology, ControllerStore store, GeoDrClient geoDr, Clock clock) {
        this(topology, store, geoDr, FlinkClients.rest(), clock);
    }

    public FailbackRunner(Topology topology, ControllerStore store, GeoDrClient geoDr, FlinkClients flink, Clock clock) {
        this.flink = flink;
        this.topology = topology;
        this.store = store;
        this.geoDr = geoDr;
        this.clock = clock;
    }

    /** Runs (or resumes) the failback of a completed failover, under the failover record's lease. */
    public FailbackRecord run(FailoverRecord failover, String controllerId) throws Exception {
        try (Lease lease = Lease.acquire(store.blob(ControllerStore.RECORD), controllerId)) {
            return run(failover, lease);
        }
    }

    /** Each step starts only while this controller still holds the lease. */
    private FailbackRecord run(FailoverRecord failover, Lease lease) throws Exception {
        FailbackRecord f = store.readFailback(failover.epoch()).orElse(FailbackRecord.start(failover.epoch()));
        lease.ensureHeld();
        fence(failover);
        if (!f.drainedDone()) {
            lease.ensureHeld();
            f = drain(failover, f);
            store.writeFailback(f);
        } else {
            LOG.info("Stranded events of epoch {} already drained at {} ({} events): not copied again", f.epoch(), f.drainedAt(),
                    f.drainedTotal());
        }
        if (!f.released()) {
            awaitProcessed(f.endAfterDrain(), "the drained events", f.epoch());
            lease.ensureHeld();
            Map<String, Long> markers = release(f.epoch());
            awaitProcessed(markers, "the release", f.epoch());
            f = f.withRelease(clock.instant().toString(), countTooOld(f));
            store.writeFailback(f);
        } else {
            LOG.info("Windows of epoch {} already released at {}: nothing to release again", f.epoch(), f.releasedAt());
        }
        if (f.pairedAt() == null) {
            lease.ensureHeld();
            // Both regions learn the epoch before the roles reverse: a failover back the other way, with this region
            // lost, must still count on from it.
            new ControllerStore(topology.primary().storage().savepoints(), store.localDir()).writeEpoch(f.epoch());
            store.writeEpoch(f.epoch());
            pair();
            f = f.withPaired(clock.instant().toString());
            store.writeFailback(f);
        }
        if (!FailoverRecord.FAILED_BACK.equals(failover.status())) {
            // Closed, so that the next failover into this region is a new one, not "already done".
            store.write(failover.withStatus(FailoverRecord.FAILED_BACK, "failed back at " + f.pairedAt()), lease);
        }
        return f;
    }

    /** The returning region may have restarted its old job (Flink HA): it must not run beside the new epoch. */
    private void fence(FailoverRecord failover) {
        try {
            FlinkClient a = flink.of(topology.primary());
            for (JobSummary j : a.jobs()) {
                if (!j.terminal()) {
                    a.cancel(j.id());
                    LOG.info("Fenced returning region {}: cancelled job {} ({}), because epoch {} runs in {}",
                            topology.primary().name(), j.name(), j.id(), failover.epoch(), topology.secondary().name());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Fencing returning region {} skipped: its Flink is unreachable ({})", topology.primary().name(),
                    e.getClass().getSimpleName());
        }
    }

    private FailbackRecord drain(FailoverRecord failover, FailbackRecord f) throws Exception {
        Topology.Region a = topology.primary();
        Topology.Region b = topology.secondary();
        Map<String, Long> lateStart = lateHubEnds();
        StrandedEventsDrainer drainer = new StrandedEventsDrainer(KafkaEndpoint.clientProperties(a, "the failback drain"),
                KafkaEndpoint.clientProperties(b, "the failback drain"));
        Map<String, Long> copied = drainer.drain(inputHub(), failover.restoreOffsets(), f.epoch());
        Map<String, Long> end = newPrimary().endOffsets(inputHub());
        FailbackRecord drained = f.withDrain(clock.instant().toString(), copied, drainer.lostToRetention(), end, lateStart);
        var estimate = io.github.fgf.controller.report.FailoverReport.of(failover);
        LOG.info("Drained {} stranded events of {} from {} into {}, marked for epoch {}: they count in their own windows "
                + "(the failover estimated {} to {} at risk; {} more were deleted by retention)", drained.drainedTotal(), inputHub(),
                a.name(), b.name(), f.epoch(), estimate.eventsAtRisk(), estimate.eventsAtRiskUpperBound(), drained.lostTotal());
        return drained;
    }

    /** Waits until the job's consumer group has committed (on a checkpoint) every offset below {@code ends}. */
    private void awaitProcessed(Map<String, Long> ends, String what, long epoch) throws Exception {
        String group = FailoverRunner.consumerGroup(topology, epoch);
        KafkaEndOffsetsProbe probe = newPrimary();
        long deadline = System.nanoTime() + PROCESS_TIMEOUT.toNanos();
        Map<String, Long> committed = Map.of();
        while (System.nanoTime() < deadline) {
            committed = probe.committedOffsets(group, inputHub());
            Map<String, Long> c = committed;
            if (ends.entrySet().stream().allMatch(e -> c.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                LOG.info("The job in {} has checkpointed {} (group {} committed {})", topology.secondary().name(), what, group, c);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the job in " + topology.secondary().name() + " did not checkpoint " + what + " within "
                + PROCESS_TIMEOUT.toSeconds() + " s: group " + group + " committed " + committed + " of " + ends
                + "; is it running? Rerun failback to continue");
    }

    /** One control record per input partition; returns the offsets just past them. */
    private Map<String, Long> release(long epoch) throws Exception {
        Properties p = KafkaEndpoint.clientProperties(topology.secondary(), "the failback release");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        Map<String, Long> after = new java.util.TreeMap<>();
        byte[] value = ("{\"control\":\"" + ControlRecords.STRANDED_DRAINED + "\",\"epoch\":" + epoch + "}")
                .getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (var partition : producer.partitionsFor(inputHub())) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(inputHub(), partition.partition(), null, null, value);
                r.headers().add(ControlRecords.CONTROL_HEADER, ControlRecords.STRANDED_DRAINED.getBytes(StandardCharsets.UTF_8));
                r.headers().add(ControlRecords.EPOCH_HEADER, String.valueOf(epoch).getBytes(StandardCharsets.UTF_8));
                var meta = producer.send(r).get();
                after.put(inputHub() + "|" + meta.partition(), meta.offset() + 1);
            }
        }
        LOG.info("Wrote the release of epoch {} to {} partitions of {}, because the job has checkpointed every drained event",
                epoch, after.size(), inputHub());
        return after;
    }

    /** Stranded events whose windows were too old to hold: the job sent them, still marked, to the late hub. */
    private long countTooOld(FailbackRecord f) throws Exception {
        Properties p = KafkaEndpoint.clientProperties(topology.secondary(), "the failback report");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("allow.auto.create.topics", "false");
        p.put("isolation.level", "read_committed"); // aborted transactions of exactly-once sinks hold no late record
        byte[] epoch = String.valueOf(f.epoch()).getBytes(StandardCharsets.UTF_8);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(lateHub(), Duration.ofSeconds(10)).forEach(i -> parts.add(new TopicPartition(lateHub(), i.partition())));
            if (parts.isEmpty()) return 0;
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            for (TopicPartition tp : parts) c.seek(tp, f.lateHubStart().getOrDefault(tp.topic() + "|" + tp.partition(), 0L));
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    Header h = r.headers().lastHeader(ControlRecords.STRANDED_HEADER);
                    if (h != null && java.util.Arrays.equals(h.value(), epoch)) count++;
                }
            }
        }
        if (count > 0) {
            LOG.info("{} stranded events of epoch {} were older than the job's stranded horizon: they are in the late hub {}",
                    count, f.epoch(), lateHub());
        }
        return count;
    }

    private Map<String, Long> lateHubEnds() {
        try {
            return newPrimary().endOffsets(lateHub());
        } catch (Exception e) {
            // No late hub (a job that never side-outputs): then no stranded event can be counted there either.
            LOG.info("Late hub {} not readable in {} ({}): counting stranded events in it from its start", lateHub(),
                    topology.secondary().name(), e.getClass().getSimpleName());
            return Map.of();
        }
    }

    private void pair() {
        if (!geoDr.status().paired()) {
            geoDr.pair(topology.alias().partnerOf(topology.primary()));
            LOG.info("Paired the alias again: {} active, {} secondary (roles reversed)", topology.secondary().name(),
                    topology.primary().name());
        }
    }

    private KafkaEndOffsetsProbe newPrimary() {
        return new KafkaEndOffsetsProbe(KafkaEndpoint.clientProperties(topology.secondary(), "the failback"));
    }

    private String inputHub() {
        return topology.job().arg("--hubs.input", "telemetry");
    }

    private String lateHub() {
        return topology.job().arg("--hubs.late", "telemetry-late");
    }
}
