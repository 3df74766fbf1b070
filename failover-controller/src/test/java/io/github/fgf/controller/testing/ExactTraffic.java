package io.github.fgf.controller.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import io.github.fgf.testing.Events;
import io.github.fgf.testing.Hubs;
import io.github.fgf.testing.PacedProducer;
import io.github.fgf.testing.WindowComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Production-like traffic for the failover ITCases: hubs of 4 partitions named {@code <prefix>-in/-out/-late/-dlq},
 * a topology whose job reads them, a backlog and paced producers from the same 40 devices, and the output read
 * as the README's consumer reads it.
 */
public final class ExactTraffic {

    public static final long WINDOW = 60_000;
    public static final int DEVICES = 40;
    public final String in;
    public final String out;
    public final String late;
    public final String dlq;
    private final Environment env;

    public ExactTraffic(Environment env, String prefix) {
        this.env = env;
        this.in = prefix + "-in";
        this.out = prefix + "-out";
        this.late = prefix + "-late";
        this.dlq = prefix + "-dlq";
    }

    /** Writes the topology with the job reading these hubs (1 s checkpoints, 2 s idle timeout, late events to the late hub). */
    public Path topology(Path workDir, String group, List<String> extraArgs) throws Exception {
        ObjectNode t = io.github.fgf.controller.local.LocalTopology.fromEnvironment(
                io.github.fgf.controller.local.LocalEnvironment.read(io.github.fgf.localregions.env.EnvironmentFile.in(Path.of(env.workDir()))),
                Path.of("../job/target/job-all.jar"));
        ArrayNode args = (ArrayNode) t.get("job").get("args");
        List<String> all = new ArrayList<>(List.of("--hubs.input", in, "--hubs.output", out, "--hubs.late", late,
                "--hubs.dead-letter", dlq, "--eventhubs.consumer-group", group, "--checkpoint.interval", "1s",
                "--watermark.idle-timeout", "2s", "--late.policy", "side-output", "--job.name", FailoverFixture.JOB));
        all.addAll(extraArgs);
        all.forEach(args::add);
        Path file = workDir.resolve("topology.json");
        TopologyFile.write(file, t);
        return file;
    }

    public Properties aliasClient() {
        return KafkaBrokerLauncher.clientProperties(env.alias().bootstrap(), env.alias().connectionString());
    }

    public Hubs viaAlias() {
        return new Hubs(aliasClient());
    }

    public static Hubs hubs(Environment.Region r) {
        return new Hubs(KafkaBrokerLauncher.clientProperties(r.kafka().bootstrap(), r.kafka().connectionString()));
    }

    public void createHubs() throws Exception {
        for (String hub : List.of(in, out, late, dlq)) viaAlias().create(hub, 4);
    }

    /** Three minutes of events from the devices, two to five minutes old, with duplicates, disorder and malformed lines. */
    public List<Events.Line> sendBacklog(long seed) throws Exception {
        long base = (System.currentTimeMillis() / WINDOW - 5) * WINDOW;
        List<Events.Line> backlog = Events.generate("bk", base, 3, DEVICES, seed);
        viaAlias().produceKeyed(in, backlog);
        return backlog;
    }

    /** A producer of the same devices through the alias, one event per device per second. */
    public PacedProducer producer(String prefix) {
        return new PacedProducer(aliasClient(), in, prefix, DEVICES, 1000);
    }

    public static void awaitAcknowledged(PacedProducer p, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (p.acknowledged().size() < count && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertTrue(p.acknowledged().size() >= count, "acknowledged " + p.acknowledged().size() + " of " + count);
    }

    /** A clock event far ahead on every partition, through the alias: every window closes. */
    public void closeAllWindows() throws Exception {
        long clock = System.currentTimeMillis() + 3 * WINDOW;
        for (int p = 0; p < 4; p++) {
            viaAlias().produce(in, p, List.of(Events.event("clock-" + clock + "-" + p, "zz-clock", clock + p, Map.of("tick", 1.0))));
        }
    }

    /**
     * Reads the output as the README's consumer does, over both regions (the old primary's records, then the new one's),
     * until every window equals {@code expected} or two minutes pass; asserts that they do and returns what it read.
     */
    public static List<Hubs.Read> awaitExactOutput(Hubs oldPrimary, Hubs newPrimary, String hub, Map<String, String> expected)
            throws Exception {
        List<Hubs.Read> fromOld = oldPrimary.readAll(hub);
        List<Hubs.Read> all = new ArrayList<>();
        newPrimary.readUntil(hub, r -> {
            all.clear();
            all.addAll(fromOld);
            all.addAll(r);
            return WindowComparison.of(expected, withoutClock(Hubs.consumerCanonical(all))).exact();
        }, java.time.Duration.ofSeconds(120));
        assertEquals("", WindowComparison.of(expected, withoutClock(Hubs.consumerCanonical(all))).problems());
        return all;
    }

    public static Map<String, String> withoutClock(Map<String, String> m) {
        Map<String, String> result = new TreeMap<>(m);
        result.keySet().removeIf(k -> k.startsWith("zz-clock|"));
        return result;
    }
}
