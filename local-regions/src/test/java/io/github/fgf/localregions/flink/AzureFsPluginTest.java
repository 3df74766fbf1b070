package io.github.fgf.localregions.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.PortPlan;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink processes find the Azure filesystem as a plugin and nowhere else: not on their classpath, where it would
 * hide a class conflict that Flink's image and the AKS manifests (which load it as a plugin) would show.
 */
class AzureFsPluginTest {

    @Test
    void aRegionsFlinkProcessesLoadTheAzureFilesystemFromTheirPluginsDirectoryOnly(@TempDir Path regionDir) throws Exception {
        Environment.Flink flink = new FlinkClusterLauncher(new JvmLauncher(regionDir.resolve("log4j2.properties")), regionDir)
                .configure("primary", regionDir, PortPlan.LOOPBACK, 18081, 16123, 2);

        for (JvmService s : List.of(FlinkClusterLauncher.jobManagerService("primary", flink, regionDir),
                FlinkClusterLauncher.taskManagerService("primary", flink, regionDir))) {
            Path plugins = Path.of(s.environment().get(AzureFsPlugin.PLUGINS_DIR_VARIABLE));
            assertEquals(regionDir.resolve("flink-plugins").toAbsolutePath(), plugins, s.name());
            Path pluginDir = plugins.resolve(AzureFsPlugin.NAME);
            try (var jars = Files.list(pluginDir)) {
                List<Path> found = jars.toList();
                assertEquals(1, found.size(), "one jar in " + pluginDir + ": " + found);
                try (JarFile jar = new JarFile(found.get(0).toFile())) {
                    // The factory Flink's plugin loader finds for wasb:// (WASB emulator mode here, wasbs:// in Azure).
                    assertNotNull(jar.getEntry("org/apache/flink/fs/azurefs/AzureBlobStorageFSFactory.class"), found.get(0).toString());
                }
            }
        }
        for (String entry : JvmLauncher.classpath().split(File.pathSeparator)) {
            assertFalse(entry.contains("flink-azure-fs-hadoop"), "on the Flink processes' classpath: " + entry);
        }
    }

    @Test
    void stagingAgainReplacesTheLinkInsteadOfFailing(@TempDir Path plugins) throws Exception {
        AzureFsPlugin.stage(plugins);
        AzureFsPlugin.stage(plugins);
        Path staged = plugins.resolve(AzureFsPlugin.NAME).resolve(AzureFsPlugin.jar().getFileName());
        assertTrue(Files.isRegularFile(staged), staged + " resolves to the jar");
        assertEquals(Files.size(AzureFsPlugin.jar()), Files.size(staged));
    }
}
