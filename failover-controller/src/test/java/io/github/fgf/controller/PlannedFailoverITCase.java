package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.testing.FailoverFixture;
import io.github.fgf.controller.testing.Producer;
import io.github.fgf.localregions.LocalRegions;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** failover --planned: events before and after the move are each counted exactly once, nothing lost. */
class PlannedFailoverITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPlannedFailoverLosesNothingAndCountsNothingTwice(@TempDir Path workDir) throws Exception {
        LocalRegions regions = new LocalRegions(workDir);
        Environment env = regions.up(LocalRegionsOptions.defaults(workDir).withGrsLag(Duration.ofSeconds(1)));
        try {
            Environment.Region a = env.region("primary");
            Environment.Region b = env.region("secondary");
            ObjectNode t = TopologyFile.fromEnvironment(env, Path.of("../job/target/job-all.jar"));
            ArrayNode args = (ArrayNode) t.get("job").get("args");
            List.of("--hubs.input", "pl-in", "--hubs.output", "pl-out", "--checkpoint.interval", "1s",
                    "--watermark.idle-timeout", "2s").forEach(args::add);
            Path topology = workDir.resolve("topology.json");
            TopologyFile.write(topology, t);

            Producer.createTopic(env.alias().bootstrap(), env.alias().connectionString(), "pl-in", 2);
            Producer.send(env.alias().bootstrap(), env.alias().connectionString(), "pl-in", "pre", 200);
            // The job has been running a while before an operator plans a move: connected, consuming, checkpointing.
            FailoverFixture.startJobInPrimary(regions, args, 2);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = FailoverControllerCli.run(new String[] {"failover", "--planned", "--topology", topology.toString(),
                    "--state-dir", workDir.resolve("ctl").toString(), "--json"}, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, exit, out + "\n" + err);
            JsonNode report = JSON.readTree(out.toString());
            assertEquals(0, report.get("eventsAtRisk").asLong(), report.toString());
            assertEquals(List.of("promote", "drain", "stop", "replicate", "choose", "submit", "verify"),
                    ForcedFailoverITCase.fieldNames(report.get("steps")));

            Producer.send(env.alias().bootstrap(), env.alias().connectionString(), "pl-in", "post", 150);
            ForcedFailoverITCase.sendFlushTo(env, "pl-in");
            Map<String, Long> counts = new TreeMap<>();
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline) {
                counts = deviceTotals(List.of(a, b));
                if (counts.getOrDefault("pre", 0L) == 200 && counts.getOrDefault("post", 0L) == 150) break;
                Thread.sleep(500);
            }
            assertEquals(200L, counts.get("pre"), counts.toString());
            assertEquals(150L, counts.get("post"), counts.toString());
        } finally {
            regions.down();
        }
    }

    /**
     * Final value per key across A's output (before the move) then B's (after), summed per device
     * family: each window is counted once, whichever region emitted it last.
     */
    static Map<String, Long> deviceTotals(List<Environment.Region> regionsInOrder) throws Exception {
        Map<String, JsonNode> latest = new TreeMap<>();
        for (Environment.Region r : regionsInOrder) {
            Properties p = KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString());
            p.put("key.deserializer", StringDeserializer.class.getName());
            p.put("value.deserializer", StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
                List<TopicPartition> parts = c.partitionsFor("pl-out", Duration.ofSeconds(5)).stream()
                        .map(i -> new TopicPartition("pl-out", i.partition())).toList();
                if (parts.isEmpty()) continue;
                c.assign(parts);
                c.seekToBeginning(parts);
                var end = c.endOffsets(parts);
                while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                    for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(500))) latest.put(rec.key(), JSON.readTree(rec.value()));
                }
            }
        }
        Map<String, Long> totals = new TreeMap<>();
        latest.values().forEach(v -> {
            String family = v.get("deviceId").asText().split("-")[0];
            totals.merge(family, v.get("count").asLong(), Long::sum);
        });
        return totals;
    }
}
