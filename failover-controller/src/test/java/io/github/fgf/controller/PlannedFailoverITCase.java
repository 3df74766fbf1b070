package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.testing.ExactTraffic;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.testing.Events.Line;
import io.github.fgf.testing.ExpectedAggregates;
import io.github.fgf.testing.Hubs;
import io.github.fgf.testing.Hubs.Read;
import io.github.fgf.testing.PacedProducer;
import io.github.fgf.testing.WindowComparison;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * failover --planned with production-like traffic: a backlog, then the same 40 devices sending over 4
 * partitions before, during and after the move (the producer reconnects once the alias has moved, as
 * the README asks of producers). Every window exact as the consumer reads it; none ever marked partial.
 */
class PlannedFailoverITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPlannedFailoverGivesEveryWindowExactlyAndMarksNonePartial(@TempDir Path workDir) throws Exception {
        LocalRegions regions = new LocalRegions(workDir);
        Environment env = regions.up(LocalRegionsOptions.defaults(workDir).withGrsLag(Duration.ofSeconds(1)));
        try {
            Environment.Region a = env.region("primary");
            Environment.Region b = env.region("secondary");
            ExactTraffic traffic = new ExactTraffic(env, "pl");
            Path topology = traffic.topology(workDir, "pl", List.of());
            traffic.createHubs();
            List<Line> acknowledged = new ArrayList<>(traffic.sendBacklog(5));
            // The job has been running a while before an operator plans a move: connected, consuming, checkpointing.
            FailoverFixture.startJobInPrimary(regions, (ArrayNode) JSON.readTree(topology.toFile()).get("job").get("args"), 2);
            PacedProducer before = traffic.producer("pre");
            ExactTraffic.awaitAcknowledged(before, 10 * ExactTraffic.DEVICES);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> failover = CompletableFuture.supplyAsync(() -> FailoverControllerCli.run(new String[] {
                    "failover", "--planned", "--topology", topology.toString(), "--state-dir", workDir.resolve("ctl").toString(),
                    "--json"}, new PrintWriter(out, true), new PrintWriter(err, true)));
            // Once the alias has moved, the producer connects again and so follows it; the devices go on sending.
            AliasClient alias = new AliasClient(env.alias().controlUrl());
            long deadline = System.currentTimeMillis() + 60_000;
            while (!"secondary".equals(alias.status().activeRegion()) && System.currentTimeMillis() < deadline) Thread.sleep(100);
            acknowledged.addAll(before.stop());
            before.close();
            try (PacedProducer after = traffic.producer("post")) {
                assertEquals(0, failover.get(5, TimeUnit.MINUTES), out + "\n" + err);
                JsonNode report = JSON.readTree(out.toString());
                assertEquals(0, report.get("eventsAtRisk").asLong(), report.toString());
                assertEquals(List.of("promote", "drain", "stop", "replicate", "choose", "submit", "verify"),
                        ForcedFailoverITCase.fieldNames(report.get("steps")));
                ExactTraffic.awaitAcknowledged(after, 15 * ExactTraffic.DEVICES);
                acknowledged.addAll(after.stop());
            }
            traffic.closeAllWindows();

            Map<String, String> expected = ExpectedAggregates.of(acknowledged, ExactTraffic.WINDOW, Set.of());
            List<Read> fromA = ExactTraffic.hubs(a).readAll(traffic.out);
            List<Read> all = new ArrayList<>();
            ExactTraffic.hubs(b).readUntil(traffic.out, r -> {
                all.clear();
                all.addAll(fromA);
                all.addAll(r);
                return WindowComparison.of(expected, ExactTraffic.withoutClock(Hubs.consumerCanonical(all))).exact();
            }, Duration.ofSeconds(120));
            assertEquals("", WindowComparison.of(expected, ExactTraffic.withoutClock(Hubs.consumerCanonical(all))).problems());
            List<String> partial = new ArrayList<>();
            for (Read r : all) {
                if (Hubs.json(r.value()).get("partial").asBoolean()) partial.add(r.key());
            }
            assertEquals(List.of(), partial, "records marked partial in a planned failover");
            assertEquals(0, ExactTraffic.hubs(a).readAll(traffic.late).size() + ExactTraffic.hubs(b).readAll(traffic.late).size(),
                    "events the job treated as late");
        } finally {
            regions.down();
        }
    }
}
