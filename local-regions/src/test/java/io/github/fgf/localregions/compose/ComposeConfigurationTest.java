package io.github.fgf.localregions.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.localregions.env.EnvironmentConfigurer;
import io.github.fgf.localregions.cli.LocalRegionsCli;
import io.github.fgf.localregions.config.LocalRegionsOptions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.PortPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code configure} writes for each port plan: nothing started, so no Azurite or ports needed. */
class ComposeConfigurationTest {

    private static final Environment.Azurite AZURITE = Environment.Azurite.notOwned();

    @Test
    void theComposePlanBindsClientListenersEverywhereAndAdvertisesLoopback(@TempDir Path dir) throws Exception {
        EnvironmentConfigurer regions = new EnvironmentConfigurer(dir);
        Environment env = regions.configure(LocalRegionsOptions.defaults(dir), PortPlan.COMPOSE, AZURITE);

        Properties broker = properties(Path.of(env.region("secondary").kafka().configFile()));
        assertEquals("SASL_PLAINTEXT://0.0.0.0:19193,CONTROLLER://127.0.0.1:19194,ALIAS://0.0.0.0:19195", broker.getProperty("listeners"));
        assertEquals("SASL_PLAINTEXT://127.0.0.1:19193,ALIAS://127.0.0.1:9093", broker.getProperty("advertised.listeners"));
        List<String> flink = Files.readAllLines(Path.of(env.region("primary").flink().configDir()).resolve("config.yaml"));
        assertTrue(flink.contains("rest.bind-address: 0.0.0.0"), flink.toString());
        assertTrue(flink.contains("rest.port: 18081"), flink.toString());
        assertEquals("127.0.0.1:9093", env.alias().bootstrap());
        assertEquals("http://localhost:18082", env.region("secondary").flink().restUrl());

        Map<String, JvmService> services = regions.services(env, LocalRegionsOptions.defaults(dir));
        assertEquals(List.of("alias", "kafka-primary", "grs-primary", "flink-jobmanager-primary", "flink-taskmanager-primary",
                "kafka-secondary", "grs-secondary", "flink-jobmanager-secondary", "flink-taskmanager-secondary"),
                List.copyOf(services.keySet()));
        assertTrue(services.get("alias").args().contains("--bind-host=0.0.0.0"), services.get("alias").args().toString());
        // The connection strings reach the alias in a file, never as an argument.
        String key = env.alias().connectionString().replaceAll(".*SharedAccessKey=", "");
        services.values().forEach(s -> assertFalse(String.join(" ", s.args()).contains(key), s.name() + " has the key in its arguments"));
    }

    @Test
    void drawnPortsStayOnLoopback(@TempDir Path dir) throws Exception {
        EnvironmentConfigurer regions = new EnvironmentConfigurer(dir);
        Environment env = regions.configure(LocalRegionsOptions.defaults(dir), PortPlan.free(0, 2), AZURITE);
        Environment.Kafka k = env.region("primary").kafka();
        assertEquals("SASL_PLAINTEXT://127.0.0.1:" + k.port() + ",CONTROLLER://127.0.0.1:" + k.controllerPort()
                + ",ALIAS://127.0.0.1:" + k.aliasListenerPort(), properties(Path.of(k.configFile())).getProperty("listeners"));
        List<String> flink = Files.readAllLines(Path.of(env.region("primary").flink().configDir()).resolve("config.yaml"));
        assertTrue(flink.contains("rest.bind-address: localhost"), flink.toString());
        assertTrue(regions.services(env, LocalRegionsOptions.defaults(dir)).get("alias").args().stream()
                .noneMatch(a -> a.startsWith("--bind-host")));
    }

    @Test
    void runServiceOfAnUnknownServiceNamesItAndTheChoices(@TempDir Path dir) {
        new EnvironmentConfigurer(dir).configure(LocalRegionsOptions.defaults(dir), PortPlan.COMPOSE, AZURITE);
        StringWriter err = new StringWriter();
        int exit = LocalRegionsCli.run(new String[] {"run-service", "--work-dir", dir.toString(), "kafka-tertiary"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(LocalRegionsCli.USAGE, exit);
        assertEquals("local-regions: unknown service 'kafka-tertiary'; expected one of [alias, kafka-primary, grs-primary, "
                + "flink-jobmanager-primary, flink-taskmanager-primary, kafka-secondary, grs-secondary, flink-jobmanager-secondary, "
                + "flink-taskmanager-secondary]", err.toString().strip());
    }

    private static Properties properties(Path file) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
