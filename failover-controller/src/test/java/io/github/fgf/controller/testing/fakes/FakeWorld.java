package io.github.fgf.controller.testing.fakes;

import io.github.fgf.controller.act.Collaborators;
import io.github.fgf.controller.act.FailoverRunner;
import io.github.fgf.controller.act.StepHook;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Two regions made of fakes, for runner tests that run in milliseconds: A runs the user's job, the
 * alias is paired A → B, and A has written one savepoint that has replicated.
 */
public final class FakeWorld {

    public final Topology topology;
    public final FakeStore store;
    public final FakeGeoDr geoDr = new FakeGeoDr("primary", "secondary");
    public final FakeFlink flinkA = new FakeFlink("primary");
    public final FakeFlink flinkB = new FakeFlink("secondary");
    public final FakeStorage storage = new FakeStorage("wasb://a@acct/savepoints", "wasb://a-secondary@acct/savepoints");
    public final FakeProgress progress = new FakeProgress();
    public final String firstSavepoint;
    public final FakeStore returningStore;
    public final FakeFailbackHubs failbackHubs = new FakeFailbackHubs();

    public FakeWorld(Path dir) throws Exception {
        this(dir, "{}");
    }

    /** @param policy the topology's {@code policy} object, as JSON */
    public FakeWorld(Path dir, String policy) throws Exception {
        this(dir, policy, "geo-dr");
    }

    /** @param mode the alias' {@code mode}: geo-dr, or geo-replication (the alias fake then stands for the namespace) */
    public FakeWorld(Path dir, String policy, String mode) throws Exception {
        Files.createDirectories(dir);
        Path secret = dir.resolve("alias-cs");
        Files.writeString(secret, "Endpoint=sb://fgf-alias.servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=k");
        Path jar = dir.resolve("job.jar");
        if (!Files.exists(jar)) Files.write(jar, new byte[] {'P', 'K'});
        Path f = dir.resolve("topology.json");
        Files.writeString(f, "{" + region("primary", "a") + "," + region("secondary", "b") + ",\"alias\":{\"type\":\"local\","
                + "\"name\":\"fgf-alias\",\"mode\":\"" + mode + "\",\"controlUrl\":\"http://127.0.0.1:1\",\"connectionString\":\"Endpoint=sb://fgf-alias.servicebus."
                + "windows.net/;SharedAccessKeyName=R;SharedAccessKey=k\",\"bootstrap\":\"127.0.0.1:2\"},\"job\":{\"jar\":\"" + jar + "\","
                + "\"entryClass\":\"io.github.fgf.job.TelemetryJob\",\"connectionStringFile\":\"" + secret + "\",\"args\":[]},"
                + "\"policy\":" + policy + "}");
        topology = TopologyFile.read(f);
        store = new FakeStore(dir.resolve("state"));
        returningStore = new FakeStore(dir.resolve("state"));
        flinkA.start("fgf-telemetry");
        // The secondary's job reads what its input holds (verify waits for that); tests that need a stuck one say so.
        flinkB.sourcePositions = id -> progress.readAll();
        flinkA.onSavepoint = storage::wrote;
        progress.sendsDisabled = () -> {
            synchronized (geoDr) {
                return geoDr.sendDisabled.contains("primary/telemetry");
            }
        };
        firstSavepoint = storage.write("savepoint-0001", Instant.now().minusSeconds(20));
    }

    private static String region(String name, String account) {
        return "\"" + name + "\":{\"name\":\"" + name + "\",\"namespace\":\"ns-" + name + "\",\"eventHubsConnectionString\":"
                + "\"Endpoint=sb://ns-" + name + ".servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=k\","
                + "\"eventHubsBootstrap\":\"127.0.0.1:3\",\"flinkRestUrl\":\"http://" + name + ":8081\",\"storage\":{"
                + "\"checkpoints\":\"wasb://" + account + "@acct/checkpoints\",\"savepoints\":\"wasb://" + account + "@acct/savepoints\","
                + "\"secondarySavepoints\":\"wasb://" + account + "-secondary@acct/savepoints\",\"lastSyncTimeFrom\":\"local:/dev/null\"}}";
    }

    public Collaborators collaborators(StepHook hook) {
        return new Collaborators(store, geoDr, r -> r.name().equals("primary") ? flinkA : flinkB, storage, r -> progress, storage,
                Clock.systemUTC(), new Collaborators.Timing(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofMillis(10)), hook);
    }

    public io.github.fgf.controller.act.FailbackRunner failback(StepHook hook) {
        return new io.github.fgf.controller.act.FailbackRunner(topology, collaborators(hook), returningStore, failbackHubs);
    }

    public FailoverRunner runner(boolean planned, StepHook hook) {
        return new FailoverRunner(topology, collaborators(hook), new FailoverRunner.Options(planned, false, java.util.Optional.empty()));
    }
}
