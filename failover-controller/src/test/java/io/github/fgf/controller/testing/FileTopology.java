package io.github.fgf.controller.testing;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A topology whose storage is file:// under one directory ({@code a/} the primary's, {@code grs/}
 * its geo-secondary copy, GRS far behind, {@code b/shipped} where checkpoints ship), read through
 * the real loader: for tests of restore points and shipping without Blob storage.
 */
public final class FileTopology {

    private FileTopology() {}

    public static Topology write(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("grs/savepoints"));
        Files.writeString(dir.resolve("grs.json"), "{\"lastSyncTime\":\"2026-12-01T09:00:00Z\"}");
        String storage = "\"storage\":{\"checkpoints\":\"file://" + dir.resolve("a/checkpoints") + "\",\"savepoints\":\"file://"
                + dir.resolve("a/savepoints") + "\",\"secondarySavepoints\":\"file://" + dir.resolve("grs/savepoints")
                + "\",\"lastSyncTimeFrom\":\"local:" + dir.resolve("grs.json") + "\",\"shipCheckpointsTo\":\"file://"
                + dir.resolve("b/shipped") + "/\"}";
        String region = "{\"name\":\"%s\",\"namespace\":\"ns-%s\",\"eventHubsConnectionString\":\"Endpoint=sb://x/;"
                + "SharedAccessKeyName=R;SharedAccessKey=K\",\"flinkRestUrl\":\"http://%s:8081\"," + storage + "}";
        Path file = dir.resolve("topology.json");
        Files.writeString(file, "{\"primary\":" + region.formatted("primary", "primary", "primary") + ",\"secondary\":"
                + region.formatted("secondary", "secondary", "secondary") + ",\"alias\":{\"type\":\"local\",\"name\":\"a\","
                + "\"controlUrl\":\"http://127.0.0.1:1\",\"connectionString\":\"Endpoint=sb://a/;SharedAccessKeyName=R;"
                + "SharedAccessKey=K\",\"bootstrap\":\"127.0.0.1:2\"},\"job\":{\"jar\":\"job.jar\",\"entryClass\":\"Main\"}}");
        return TopologyFile.read(file);
    }
}
