package io.github.fgf.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.job.config.JobConfig;
import io.github.fgf.job.config.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example topology loads through the controller's own loader and every example job configuration through the
 * job's, so that what the README and docs/azure.md tell users to copy is what the code accepts.
 */
class DeployExamplesTest {

    private static final Pattern SECRET_FILE = Pattern.compile("(?m)^eventhubs\\.connection-string-file:\\s*(\\S+)\\s*$");

    static List<Path> topologies() {
        return DeployFiles.under(DeployFiles.EXAMPLES, ".json").stream()
                .filter(p -> p.getFileName().toString().startsWith("topology")).toList();
    }

    /** The job configurations: the examples' and the one the Kubernetes base turns into the ConfigMap fgf-job-config. */
    static List<Path> jobConfigs() {
        List<Path> all = new ArrayList<>(DeployFiles.under(DeployFiles.EXAMPLES, "job.conf"));
        all.addAll(DeployFiles.under(DeployFiles.KUBERNETES, "job.conf"));
        return all;
    }

    @Test
    void everyExampleTopologyLoadsThroughTheControllersLoader() {
        List<Path> files = topologies();
        assertTrue(files.size() >= 3, "local, compose or Azure topologies missing: " + files);
        for (Path f : files) {
            Topology t = TopologyFile.read(f);
            assertFalse(t.primary().name().equals(t.secondary().name()), f + ": two regions of one name");
        }
    }

    @Test
    void theAzureTopologiesDriveAzureResourceManagerInTheirMode() {
        Topology geoDr = TopologyFile.read(DeployFiles.EXAMPLES.resolve("azure/topology-geo-dr.json"));
        assertEquals("arm", geoDr.alias().type());
        assertEquals(Topology.Alias.Mode.GEO_DR, geoDr.alias().mode());
        Topology geoRep = TopologyFile.read(DeployFiles.EXAMPLES.resolve("azure/topology-geo-replication.json"));
        assertEquals(Topology.Alias.Mode.GEO_REPLICATION, geoRep.alias().mode());
        for (Topology t : List.of(geoDr, geoRep)) {
            // The file the Secret fgf-eventhubs is mounted as in every Flink pod (deploy/kubernetes).
            assertEquals("/etc/fgf/eventhubs/connection-string", t.job().connectionStringFile());
            assertTrue(t.primary().storage().shipCheckpointsTo().contains(hostOf(t.secondary().storage().checkpoints())),
                    "the primary ships its checkpoints into the secondary's own account");
        }
    }

    @Test
    void everyJobConfigurationLoadsThroughTheJobsLoader(@TempDir Path tmp) throws Exception {
        List<Path> files = jobConfigs();
        assertTrue(files.size() >= 3, "local, compose or Azure job configurations missing: " + files);
        for (Path f : files) {
            String text = DeployFiles.read(f);
            Matcher m = SECRET_FILE.matcher(text);
            assertTrue(m.find(), f + ": the alias' connection string must come from a file (eventhubs.connection-string-file)");
            // The secret's file exists only where the job runs: here a stand-in with a valid connection string.
            Path secret = Files.writeString(tmp.resolve(f.getParent().getFileName() + "-connection-string"),
                    "Endpoint=sb://fgf-alias.servicebus.windows.net/;SharedAccessKeyName=fgf-job;SharedAccessKey=c3RhbmQtaW4=");
            Path copy = Files.writeString(tmp.resolve(f.getParent().getFileName() + "-job.conf"),
                    m.replaceFirst(Matcher.quoteReplacement("eventhubs.connection-string-file: " + secret)));
            JobConfig c = JobConfig.fromArgs(new String[] {"--config", copy.toString()});
            assertEquals("telemetry", c.get(JobOptions.INPUT_HUB), f + ": the input hub the examples' topologies probe");
        }
    }

    private static String hostOf(String wasbUri) {
        return wasbUri.substring(wasbUri.indexOf('@') + 1, wasbUri.indexOf('/', wasbUri.indexOf('@')));
    }
}
