package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.testing.ExactTraffic;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.flinkclient.JobSummary;
import io.github.fgf.flinkclient.KafkaPartition;
import io.github.fgf.flinkclient.RestFlinkClient;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.testing.Events.Line;
import io.github.fgf.testing.ExpectedAggregates;
import io.github.fgf.testing.Hubs;
import io.github.fgf.testing.Hubs.Read;
import io.github.fgf.testing.PacedProducer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * failover --planned with production-like traffic: a backlog, then the same 40 devices sending over 4
 * partitions before, during and after the move, from one producer that never reconnects on its own:
 * only the controller's SendDisabled on the primary's input hub moves it (its connection is closed,
 * and it connects again through the alias). Every window exact as the consumer reads it; none ever
 * marked partial; nothing left unconsumed in the primary.
 */
class PlannedFailoverITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void aPlannedFailoverGivesEveryWindowExactlyAndMarksNonePartial(@TempDir Path workDir) throws Exception {
        Environment env = SHARED.fresh(Duration.ofSeconds(1));
        LocalRegions regions = SHARED.regions();
        Environment.Region a = env.region("primary");
        Environment.Region b = env.region("secondary");
        ExactTraffic traffic = new ExactTraffic(env, "pl");
        Path topology = traffic.topology(workDir, "pl", List.of());
        traffic.createHubs();
        List<Line> acknowledged = new ArrayList<>(traffic.sendBacklog(5));
        // The job has been running a while before an operator plans a move: connected, consuming, checkpointing.
        FailoverFixture.startJobInPrimary(regions, (ArrayNode) JSON.readTree(topology.toFile()).get("job").get("args"), 2);
        PacedProducer producer = traffic.producer("all");
        ExactTraffic.awaitAcknowledged(producer, 10 * ExactTraffic.DEVICES);
        // The drain reads how far A's job got from its Kafka sources' metrics: their names, as this Flink reports them.
        assertEquals(4, awaitSourcePositions(a, traffic.in, 4).size());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> failover = CompletableFuture.supplyAsync(() -> FailoverControllerCli.run(new String[] {
                "failover", "--planned", "--topology", topology.toString(), "--state-dir", workDir.resolve("ctl").toString(),
                "--json"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        // The same producer sends throughout; it is never closed or created again.
        try (producer) {
            assertEquals(0, failover.get(5, TimeUnit.MINUTES), out + "\n" + err);
            JsonNode report = JSON.readTree(out.toString());
            assertEquals(0, report.get("eventsAtRisk").asLong(), report.toString());
            assertEquals(List.of("promote", "disable_sends", "drain", "stop", "replicate", "choose", "submit", "verify"),
                    ForcedFailoverITCase.fieldNames(report.get("steps")));
            int atFailover = producer.acknowledged().size();
            ExactTraffic.awaitAcknowledged(producer, atFailover + 15 * ExactTraffic.DEVICES);
            acknowledged.addAll(producer.stop());
        }
        // Nothing reached the primary's input hub after its job drained it and stopped.
        Map<String, Long> endA = new java.util.TreeMap<>();
        ExactTraffic.hubs(a).readAll(traffic.in).forEach(r -> endA.merge(traffic.in + "|" + r.partition(), r.offset() + 1, Math::max));
        // The drain step recorded A's end offsets once its job had read them all.
        JsonNode drainedTo = JSON.readTree(workDir.resolve("ctl").resolve("failover.json").toFile()).get("lastKnownEndOffsets");
        Map<String, Long> recorded = new java.util.TreeMap<>();
        drainedTo.fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asLong()));
        assertEquals(4, recorded.size(), drainedTo.toString());
        assertEquals(recorded, endA, "the primary's input hub grew after the drain: events left in A");
        traffic.closeAllWindows();

        Map<String, String> expected = ExpectedAggregates.of(acknowledged, ExactTraffic.WINDOW, Set.of());
        List<Read> all = ExactTraffic.awaitExactOutput(ExactTraffic.hubs(a), ExactTraffic.hubs(b), traffic.out, expected);
        List<String> partial = new ArrayList<>();
        for (Read r : all) {
            if (Hubs.json(r.value()).get("partial").asBoolean()) partial.add(r.key());
        }
        assertEquals(List.of(), partial, "records marked partial in a planned failover");
        assertEquals(0, ExactTraffic.hubs(a).readAll(traffic.late).size() + ExactTraffic.hubs(b).readAll(traffic.late).size(),
                "events the job treated as late");
    }

    /** The running job's source positions on a hub, once they name {@code partitions} partitions (Flink's metrics lag). */
    private static Map<KafkaPartition, Long> awaitSourcePositions(Environment.Region region, String hub, int partitions)
            throws Exception {
        RestFlinkClient flink = new RestFlinkClient(region.flink().restUrl());
        JobSummary job = flink.jobs().stream().filter(j -> !j.terminal()).findFirst().orElseThrow();
        Map<KafkaPartition, Long> positions = Map.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            positions = new java.util.TreeMap<>(flink.kafkaSourcePositions(job.id()));
            positions.keySet().removeIf(p -> !p.topic().equals(hub));
            if (positions.size() == partitions && positions.values().stream().allMatch(v -> v > 0)) return positions;
            Thread.sleep(500);
        }
        throw new AssertionError("source positions of " + job.name() + " on " + hub + " after 60 s: " + positions);
    }
}
