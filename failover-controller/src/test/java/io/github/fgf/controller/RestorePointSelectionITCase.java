package io.github.fgf.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.testing.Producer;
import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.azurite.BlobContainers;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentFile;
import io.github.fgf.localregions.flink.FlinkJobs;
import io.github.fgf.localregions.grs.LastSyncTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore-point rule on the local environment with the real job: a GRS lag above the savepoint
 * interval, a savepoint with a missing file on the secondary, and max-rpo.
 */
class RestorePointSelectionITCase {

    static final Duration LAG = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, JsonNode json, String err) {}

    static Result restorePoint(Path topology, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("restore-point", "--topology", topology.toString(), "--json"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FailoverControllerCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString().isBlank() ? null : JSON.readTree(out.toString()), err.toString());
    }

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void theRuleSkipsUnreplicatedAndBrokenSavepointsAndEnforcesMaxRpo(@TempDir Path workDir) throws Exception {
        Environment env = SHARED.fresh(LAG);
        Environment.Region primary = env.region("primary");
        Path topology = workDir.resolve("topology.json");
        assertEquals(0, FailoverControllerCli.run(new String[] {"topology", "from-env", "--env",
                EnvironmentFile.in(SHARED.workDir()).toString(), "--job-jar", "../job/target/job-all.jar", "--out", topology.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));

        Producer.createTopic(env.alias().bootstrap(), env.alias().connectionString(), "rp-in", 2);
        Producer.send(env.alias().bootstrap(), env.alias().connectionString(), "rp-in", "rp", 200);
        FlinkJobs flink = new FlinkJobs(primary.flink().restUrl());
        String jar = flink.upload(Path.of("../job/target/job-all.jar"));
        Map<String, String> a = new TreeMap<>(Map.of("eventhubs.connection-string", env.alias().connectionString(),
                "eventhubs.local-bootstrap", env.alias().bootstrap(), "hubs.input", "rp-in",
                "storage.checkpoints", primary.storage().checkpointsUri(), "storage.savepoints", primary.storage().savepointsUri(),
                "checkpoint.interval", "1s", "source.namespace", "ns-primary", "source.start-position", "earliest"));
        List<String> args = new ArrayList<>();
        a.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        String job = flink.run(jar, "io.github.fgf.job.TelemetryJob", args, null, false, 1);
        long deadline = System.currentTimeMillis() + 60_000;
        while (flink.completedCheckpoints(job) < 1 && System.currentTimeMillis() < deadline) Thread.sleep(200);

        String sp1 = flink.triggerSavepoint(job, primary.storage().savepointsUri(), "NATIVE", Duration.ofSeconds(60));
        Instant sp1Done = Instant.now().plusSeconds(1); // Last-Modified has one-second resolution
        Path lst = Path.of(primary.storage().lastSyncTimeFile());
        deadline = System.currentTimeMillis() + 60_000;
        while (LastSyncTime.read(lst).orElseThrow().instant().isBefore(sp1Done) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        String sp2 = flink.triggerSavepoint(job, primary.storage().savepointsUri(), "NATIVE", Duration.ofSeconds(60));
        String sp1OnSecondary = sp1.replace(primary.storage().container() + "@", primary.storage().secondaryContainer() + "@");
        String sp2Name = sp2.substring(sp2.lastIndexOf('/') + 1);

        // The newest savepoint is younger than the GRS lag: not replicated, so the older one is chosen.
        Result r = restorePoint(topology);
        assertEquals(0, r.exit(), r.err() + r.json());
        assertEquals(sp1OnSecondary, r.json().get("chosen").get("path").asText());
        List<String> rejectedNotReplicated = new ArrayList<>();
        r.json().get("rejected").forEach(x -> {
            if (x.get("reason").asText().startsWith("not replicated yet")) rejectedNotReplicated.add(x.get("path").asText());
        });
        // sp2 is either not yet copied at all (absent) or copied but after the Last Sync Time.
        assertTrue(rejectedNotReplicated.stream().allMatch(p -> p.endsWith(sp2Name)), rejectedNotReplicated.toString());

        // max-rpo below the restore point's age: refused with a reason, unless accepted.
        ObjectNode t = (ObjectNode) JSON.readTree(topology.toFile());
        ((ObjectNode) t.get("policy")).put("maxRpo", "PT0.5S");
        Path strict = workDir.resolve("strict.json");
        TopologyFile.write(strict, t);
        Result refused = restorePoint(strict);
        assertEquals(1, refused.exit());
        assertTrue(refused.json().get("refused").asBoolean());
        assertTrue(refused.json().get("reason").asText().contains("--accept-rpo"));
        assertEquals(0, restorePoint(strict, "--accept-rpo").exit());
        // A forced failover refused at choose has done nothing that cannot be undone: the alias is still paired
        // and the primary's job still runs.
        StringWriter fout = new StringWriter();
        StringWriter ferr = new StringWriter();
        int refusedFailover = FailoverControllerCli.run(new String[] {"failover", "--topology", strict.toString(), "--state-dir",
                workDir.resolve("refused").toString()}, new PrintWriter(fout, true), new PrintWriter(ferr, true));
        assertEquals(1, refusedFailover, fout + "\n" + ferr);
        var pairing = new io.github.fgf.localregions.alias.AliasClient(env.alias().controlUrl()).status();
        assertEquals("primary", pairing.activeRegion(), pairing.toString());
        assertEquals(0, SHARED.failoversSinceFresh(), pairing.toString());
        assertEquals("RUNNING", flink.state(job), "the refused failover cancelled the primary's job");

        // A savepoint with a missing file on the secondary is skipped, with the reason.
        var grs = BlobContainers.azurite().container(primary.storage().secondaryContainer());
        String prefix = java.net.URI.create(sp1OnSecondary).getPath().substring(1) + "/";
        String victim = grs.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(prefix), null).stream()
                .map(b -> b.getName()).filter(n -> !n.endsWith("_metadata") && !n.equals(prefix)).findFirst().orElseThrow();
        grs.getBlobClient(victim).delete();
        Result broken = restorePoint(topology, "--accept-rpo");
        JsonNode sp1Rejection = null;
        for (JsonNode x : broken.json().get("rejected")) if (x.get("path").asText().equals(sp1OnSecondary)) sp1Rejection = x;
        assertTrue(sp1Rejection != null, broken.json().toString());
        assertTrue(sp1Rejection.get("reason").asText().contains("missing: wasb://" + primary.storage().secondaryContainer()),
                sp1Rejection.toString());
        flink.cancel(job);
    }
}
