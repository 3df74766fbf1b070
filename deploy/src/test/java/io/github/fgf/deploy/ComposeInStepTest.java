package io.github.fgf.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.fgf.controller.local.LocalEnvironment;
import io.github.fgf.controller.local.LocalTopology;
import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.compose.ComposeEnvironment;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.env.EnvironmentConfigurer;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.PortPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml, as Docker Compose resolves it ({@code docker-compose config}), against what local-regions
 * configures for the compose port plan: the same servers by name, each running itself through {@code run-service},
 * on the ports the plan gives, with the job config and topology the controller service uses. The servers' settings
 * cannot drift, since run-service runs local-regions' own command from compose-init's configuration; what could
 * drift is what this file names, and that is what this test compares.
 */
class ComposeInStepTest {

    private static final String SOURCE = "/fgf/src";
    private static final String STATE = "/fgf/state";
    private static final Pattern TCP_CHECK = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)$");
    /** The stand-in for the keys compose-init generates, in the example topology. */
    static final String EXAMPLE_KEY = "Z2VuZXJhdGVkLWJ5LWNvbXBvc2UtaW5pdA==";

    private static JsonNode services;
    private static Environment env;
    private static Map<String, JvmService> servers;

    @TempDir static Path tmp;

    @BeforeAll
    static void resolveBoth() throws Exception {
        String compose = DebianTools.require("docker-compose", "docker-compose");
        DebianTools.Result r = DebianTools.run(List.of(compose, "-f", DeployFiles.ROOT.resolve("docker-compose.yml").toString(),
                "config"), DeployFiles.ROOT);
        assertEquals(0, r.exit(), "docker-compose config:\n" + r.output());
        services = new ObjectMapper(new YAMLFactory()).readTree(r.output()).get("services");
        EnvironmentConfigurer configurer = new EnvironmentConfigurer(tmp);
        LocalRegionsOptions options = LocalRegionsOptions.defaults(tmp);
        env = configurer.configure(ComposeEnvironment.ID, options, PortPlan.COMPOSE, Environment.Azurite.notOwned());
        servers = configurer.services(env, options);
    }

    @Test
    void theServicesAreLocalRegionsServersPlusAzuriteInitJobAndController() {
        Set<String> expected = new TreeSet<>(servers.keySet());
        expected.addAll(List.of("azurite", "init", "job", "controller"));
        assertEquals(expected, names(services));
    }

    @Test
    void everyServerRunsItselfThroughRunServiceInAzuritesNetworkWithTheSharedVolume() {
        for (String name : servers.keySet()) {
            JsonNode s = services.get(name);
            assertEquals(List.of("bin/local-regions", "run-service", name), strings(s.get("command")), name);
            // run-service waits up to 15 s for its server to stop; Docker's default would SIGKILL it at 10.
            assertTrue(s.has("stop_grace_period"), name + ": no stop_grace_period");
            assertContainer(name, s);
        }
        assertEquals(List.of("bin/local-regions", "compose-init"), strings(services.get("init").get("command")));
        for (String name : List.of("init", "job", "controller")) assertContainer(name, services.get(name));
    }

    @Test
    void theJobAndTheControllerWaitForEveryServer() {
        for (String name : List.of("job", "controller")) {
            assertTrue(names(services.get(name).get("depends_on")).containsAll(servers.keySet()),
                    name + " depends on " + names(services.get(name).get("depends_on")));
        }
    }

    @Test
    void azuritePublishesThePlansPortsOnLoopbackAndRunsAsLocalRegionsRunsIt() throws Exception {
        JsonNode azurite = services.get("azurite");
        List<Integer> published = new ArrayList<>();
        azurite.get("ports").forEach(node -> {
            Port p = Port.of(node);
            assertEquals(p.published(), p.target(), "published as the plan's own port: " + node);
            // Flink's REST takes jar uploads and the volume holds every key: never on the host's other interfaces.
            assertEquals("127.0.0.1", p.hostIp(), "published on loopback only: " + node);
            published.add(p.target());
        });
        List<Integer> expected = new ArrayList<>(List.of(AzuriteServer.PORT));
        expected.addAll(PortPlan.COMPOSE.published());
        assertEquals(new TreeSet<>(expected), new TreeSet<>(published));
        String command = String.join(" ", strings(azurite.get("command")));
        assertTrue(command.contains("--blobPort " + AzuriteServer.PORT), command);
        AzuriteServer.SERVER_FLAGS.forEach(f -> assertTrue(command.contains(f), f + " missing from " + command));
        // The same Azurite release as the npm package bin/local-regions installs.
        String npmVersion = new ObjectMapper().readTree(DeployFiles.ROOT.resolve("local-regions/azurite/package.json").toFile())
                .get("dependencies").get("azurite").asText();
        assertEquals("mcr.microsoft.com/azure-storage/azurite:" + npmVersion, azurite.get("image").asText());
    }

    @Test
    void healthChecksProbeThePortsTheServersListenOn() {
        assertEquals(env.alias().port(), checkedPort("alias"));
        for (Environment.Region r : env.regions().values()) {
            assertEquals(r.kafka().port(), checkedPort("kafka-" + r.name()), r.name());
            assertEquals(r.flink().restPort(), checkedPort("flink-jobmanager-" + r.name()), r.name());
        }
    }

    @Test
    void theJobConfigNamesTheComposeEnvironmentsEndpointsAndStorage() throws Exception {
        Path conf = composeJobConfig("job");
        assertEquals(conf, composeJobConfig("controller"), "the controller submits with the job service's config");
        Map<String, String> c = keyValues(conf);
        Environment.Region primary = env.region("primary");
        assertEquals(env.alias().bootstrap(), c.get("eventhubs.local-bootstrap"));
        // The file submit-job and topology from-env write the alias' connection string to.
        assertEquals(STATE + "/alias-connection-string", c.get("eventhubs.connection-string-file"));
        assertEquals(primary.storage().checkpointsUri(), c.get("storage.checkpoints"));
        assertEquals(primary.storage().savepointsUri(), c.get("storage.savepoints"));
        assertEquals(primary.namespace(), c.get("source.namespace"));
        assertEquals(primary.name(), c.get("region.name"));
    }

    @Test
    void theExampleTopologyIsWhatTheControllerServiceWrites() throws Exception {
        String command = services.get("controller").get("command").get(0).asText();
        Path jar = Path.of(SOURCE).resolve(option(command, "--job-jar"));
        ObjectMapper json = new ObjectMapper();
        String written = json.writeValueAsString(LocalTopology.fromEnvironment(LocalEnvironment.read(tmp.resolve("environment.json")),
                jar, Optional.of(Path.of(option(command, "--job-config")))));
        String key = env.alias().connectionString().replaceAll(".*SharedAccessKey=", "");
        JsonNode asInTheVolume = json.readTree(written.replace(tmp.toString(), STATE).replace(key, EXAMPLE_KEY));
        assertEquals(asInTheVolume, json.readTree(DeployFiles.EXAMPLES.resolve("compose/topology.json").toFile()),
                "deploy/examples/compose/topology.json should be:\n" + json.writerWithDefaultPrettyPrinter().writeValueAsString(asInTheVolume));
    }

    private static void assertContainer(String name, JsonNode s) {
        assertEquals("service:azurite", s.get("network_mode").asText(), name);
        assertEquals(SOURCE, s.get("working_dir").asText(), name);
        assertEquals(STATE, s.get("environment").get("FGF_LOCAL_REGIONS_DIR").asText(), name);
        List<String> volumes = new ArrayList<>();
        s.get("volumes").forEach(v -> volumes.add(volume(v)));
        assertTrue(volumes.contains(DeployFiles.ROOT + ":" + SOURCE + ":ro"), name + ": " + volumes);
        assertTrue(volumes.contains("fgf-state:" + STATE + ":rw"), name + ": " + volumes);
    }

    private static int checkedPort(String service) {
        List<String> test = strings(services.get(service).get("healthcheck").get("test"));
        Matcher m = TCP_CHECK.matcher(test.get(test.size() - 1));
        assertTrue(m.find(), service + ": " + test);
        return Integer.parseInt(m.group(1));
    }

    private static Path composeJobConfig(String service) {
        String command = services.get(service).get("command").get(0).asText();
        // Absolute: the JobManager reads it, from whatever working directory it has.
        Path conf = Path.of(option(command, service.equals("job") ? "--config" : "--job-config"));
        assertTrue(conf.isAbsolute() && conf.startsWith(SOURCE), service + ": " + conf);
        return conf;
    }

    /** The file in this checkout that a {@code /fgf/src} path in a container is. */
    private static Map<String, String> keyValues(Path inContainer) throws Exception {
        Path here = DeployFiles.ROOT.resolve(Path.of(SOURCE).relativize(inContainer).toString());
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(here)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] kv = line.split(":", 2);
            values.put(kv[0].trim(), kv[1].trim());
        }
        return values;
    }

    private static String option(String command, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "\\s+(\\S+)").matcher(command);
        assertTrue(m.find(), name + " missing from " + command);
        return m.group(1);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A list as a list; a string (Compose v1 keeps a command given as one) split at spaces, as Compose v2 does. */
    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) return List.of(node.asText().trim().split("\\s+"));
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A volume as {@code source:target:mode}, from Compose v1's short form or v2's long one. */
    private static String volume(JsonNode v) {
        if (v.isTextual()) return v.asText();
        return v.get("source").asText() + ":" + v.get("target").asText() + ":" + (v.path("read_only").asBoolean() ? "ro" : "rw");
    }

    /** A published port, from Compose v1's {@code ip:published:target/tcp} or v2's long form. */
    record Port(String hostIp, int published, int target) {
        static Port of(JsonNode p) {
            if (p.isTextual()) {
                String[] parts = p.asText().replaceAll("/tcp$", "").split(":");
                return new Port(parts.length == 3 ? parts[0] : "", Integer.parseInt(parts[parts.length - 2]),
                        Integer.parseInt(parts[parts.length - 1]));
            }
            return new Port(p.path("host_ip").asText(""), p.get("published").asInt(), p.get("target").asInt());
        }
    }
}
