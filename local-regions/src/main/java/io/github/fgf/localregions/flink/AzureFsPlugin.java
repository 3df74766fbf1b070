package io.github.fgf.localregions.flink;

import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import io.github.fgf.localregions.process.JvmLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Flink's Azure filesystem (flink-azure-fs-hadoop) as a plugin, in its own class loader, the way Flink's image
 * ({@code ENABLE_BUILT_IN_PLUGINS}) and the AKS manifests load it: so a job that works here meets the same isolation
 * in Azure. It is on no classpath of local-regions; each region's {@code flink-plugins} directory links to it.
 */
public final class AzureFsPlugin {

    /** The plugin's directory name under the plugins directory, as Flink's image names it. */
    public static final String NAME = "azure-fs-hadoop";
    /** Where Flink's processes look for plugins. */
    public static final String PLUGINS_DIR_VARIABLE = "FLINK_PLUGINS_DIR";

    private static final String RECORDED = "/fgf-flink-plugins.classpath";

    private AzureFsPlugin() {}

    /** The region's plugins directory: beside its Flink configuration directory. */
    public static Path pluginsDir(Path flinkConfDir) {
        return flinkConfDir.toAbsolutePath().resolveSibling("flink-plugins");
    }

    /** Puts the plugin into {@code pluginsDir}/azure-fs-hadoop: a link to the jar, a copy where links are refused. */
    public static void stage(Path pluginsDir) {
        Path jar = jar();
        Path dir = pluginsDir.resolve(NAME);
        Path target = dir.resolve(jar.getFileName());
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(target);
            try {
                Files.createSymbolicLink(target, jar);
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.copy(jar, target);
            }
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "cannot put the Azure filesystem plugin into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The plugin's jar: beside the packaged local-regions jar ({@code target/flink-plugins}, what docker-compose.yml's
     * containers see), else the Maven copy recorded at build time.
     */
    public static Path jar() {
        Path own = JvmLauncher.ownLocation();
        Path packaged = own.resolveSibling("flink-plugins").resolve(NAME);
        if (Files.isRegularFile(own) && Files.isDirectory(packaged)) {
            try (Stream<Path> jars = Files.list(packaged)) {
                return jars.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow(() ->
                        new LocalRegionsException(Reason.PREREQUISITE_MISSING, packaged + " holds no jar; run 'mvn -pl local-regions package'"));
            } catch (IOException e) {
                throw new LocalRegionsException(Reason.IO, "cannot list " + packaged, e);
            }
        }
        try (InputStream in = AzureFsPlugin.class.getResourceAsStream(RECORDED)) {
            if (in == null) {
                throw new LocalRegionsException(Reason.PREREQUISITE_MISSING,
                        "local-regions was built without " + RECORDED + "; run 'mvn -pl local-regions package'");
            }
            Path jar = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            if (!Files.isRegularFile(jar)) {
                throw new LocalRegionsException(Reason.PREREQUISITE_MISSING, "the Azure filesystem plugin " + jar + " is missing; run 'mvn -pl local-regions package'");
            }
            return jar;
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "cannot read " + RECORDED, e);
        }
    }
}
