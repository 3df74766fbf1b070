package io.github.fgf.localregions.azurite;

import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.LogTail;
import io.github.fgf.localregions.process.Ports;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.process.Waits;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azurite blob from npm on 127.0.0.1:10000, the only address hadoop-azure's WASB emulator mode
 * talks to. A healthy Azurite already there is reused, never stopped by us.
 */
public final class AzuriteServer {

    private static final Logger LOG = LoggerFactory.getLogger(AzuriteServer.class);
    public static final int PORT = 10000;
    /** Besides host, port and data directory: the compose file's Azurite runs with these too (a test checks). */
    public static final List<String> SERVER_FLAGS = List.of("--skipApiVersionCheck", "--disableTelemetry");
    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's well-known development key: public, identical on every machine. */
    static final String WELL_KNOWN_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static final String BLOB_ENDPOINT = "http://127.0.0.1:" + PORT + "/" + ACCOUNT;
    public static final String CONNECTION_STRING = "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT
            + ";AccountKey=" + WELL_KNOWN_KEY + ";BlobEndpoint=" + BLOB_ENDPOINT + ";";

    private AzuriteServer() {}

    /** Result of {@link #ensureRunning}: the process if we started it, empty if we reuse one. */
    public record Started(Optional<ProcessRef> process) {
        public boolean owned() {
            return process.isPresent();
        }
    }

    public static Started ensureRunning(Path workDir, Duration timeout) {
        if (Ports.listening(PORT)) {
            if (healthy()) {
                LOG.info("Reusing the Azurite already listening on 127.0.0.1:{}: WASB emulator mode only talks to that port", PORT);
                return new Started(Optional.empty());
            }
            throw new LocalRegionsException(Reason.PORT_IN_USE, "port " + PORT
                    + " is in use by something that is not Azurite; WASB emulator mode needs 127.0.0.1:" + PORT
                    + ", so stop that process first");
        }
        Path pkg = packageDir();
        Path bin = install(pkg);
        Path data = workDir.resolve("azurite");
        Path log = workDir.resolve("logs/azurite.log");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "cannot create " + data, e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(bin.toString(), "--blobHost", "127.0.0.1",
                "--blobPort", String.valueOf(PORT), "--location", data.toString()));
        command.addAll(SERVER_FLAGS);
        ProcessRef ref = JvmLauncher.startCommand("azurite", command, log);
        Waits.until("Azurite", ref, timeout, AzuriteServer::healthy);
        LOG.info("Started Azurite (pid {}) on 127.0.0.1:{} with data in {}", ref.pid(), PORT, data);
        return new Started(Optional.of(ref));
    }

    /** Azurite answers every blob request, even an unauthenticated one, with its Server header. */
    public static boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(BLOB_ENDPOINT + "?comp=list").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            c.getResponseCode();
            String server = c.getHeaderField("Server");
            c.disconnect();
            return server != null && server.startsWith("Azurite-Blob");
        } catch (IOException e) {
            return false;
        }
    }

    /** The npm package folder (package.json + lockfile) that pins azurite. */
    public static Path packageDir() {
        String configured = System.getProperty("fgf.azurite.dir", System.getenv("FGF_AZURITE_DIR"));
        if (configured != null) {
            return Path.of(configured);
        }
        // target/classes or target/local-regions.jar -> local-regions/azurite
        Path own = JvmLauncher.ownLocation();
        for (Path p = own; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("azurite/package.json"))) return p.resolve("azurite");
            if (Files.exists(p.resolve("local-regions/azurite/package.json"))) return p.resolve("local-regions/azurite");
        }
        throw new LocalRegionsException(Reason.PREREQUISITE_MISSING,
                "cannot find local-regions/azurite/package.json; set FGF_AZURITE_DIR");
    }

    /** Runs {@code npm ci} from the lockfile once; a file lock keeps concurrent starts from racing. */
    static Path install(Path pkg) {
        Path bin = pkg.resolve("node_modules/.bin/azurite-blob");
        if (Files.isExecutable(bin)) {
            return bin;
        }
        requireTool("node", "Node.js 20");
        requireTool("npm", "npm (comes with Node.js 20)");
        try (FileChannel ch = FileChannel.open(pkg.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            if (Files.isExecutable(bin)) {
                return bin;
            }
            LOG.info("Installing azurite from {} with 'npm ci': node_modules is missing", pkg.resolve("package-lock.json"));
            Path log = pkg.resolve("npm-ci.log");
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(pkg.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0 || !Files.isExecutable(bin)) {
                throw new LocalRegionsException(Reason.PREREQUISITE_MISSING,
                        "'npm ci' in " + pkg + " failed:" + System.lineSeparator() + LogTail.of(log, 15));
            }
            return bin;
        } catch (IOException e) {
            throw new LocalRegionsException(Reason.IO, "cannot install azurite in " + pkg + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRegionsException(Reason.TIMEOUT, "interrupted while installing azurite", e);
        }
    }

    private static void requireTool(String tool, String what) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) return;
        } catch (IOException e) {
            // fall through to the readable error
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LocalRegionsException(Reason.PREREQUISITE_MISSING,
                "'" + tool + "' is not on PATH; install " + what + " to run Azurite");
    }
}
