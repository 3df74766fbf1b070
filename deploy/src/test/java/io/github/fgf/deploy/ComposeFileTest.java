package io.github.fgf.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml as Docker Compose itself reads it: {@code docker-compose config -q} from Debian's docker-compose
 * package, which validates the file without a Docker engine (none runs here).
 */
class ComposeFileTest {

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        String compose = DebianTools.require("docker-compose", "docker-compose");
        DebianTools.Result r = DebianTools.run(List.of(compose, "-f", DeployFiles.ROOT.resolve("docker-compose.yml").toString(),
                "config", "-q"), DeployFiles.ROOT);
        assertEquals(0, r.exit(), "docker-compose config -q:\n" + r.output());
    }

    @Test
    void theCheckRejectsAnInvalidFile(@TempDir Path tmp) throws Exception {
        String compose = DebianTools.require("docker-compose", "docker-compose");
        Path bad = Files.writeString(tmp.resolve("docker-compose.yml"), "services:\n  azurite:\n    image: x\n    portz: [\"10000:10000\"]\n");
        DebianTools.Result r = DebianTools.run(List.of(compose, "-f", bad.toString(), "config", "-q"), tmp);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("portz"), r.output());
    }
}
