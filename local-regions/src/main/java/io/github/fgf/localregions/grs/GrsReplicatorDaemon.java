package io.github.fgf.localregions.grs;

import io.github.fgf.localregions.azurite.BlobContainers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GRS emulator process of one region.
 * Usage: {@code GrsReplicatorDaemon <sourceContainer> <secondaryContainer> <lagMillis> <intervalMillis> <statusFile>}.
 */
public final class GrsReplicatorDaemon {

    private static final Logger LOG = LoggerFactory.getLogger(GrsReplicatorDaemon.class);

    private GrsReplicatorDaemon() {}

    public static void main(String[] args) throws InterruptedException {
        String sourceName = args[0];
        String targetName = args[1];
        Duration lag = Duration.ofMillis(Long.parseLong(args[2]));
        Duration interval = Duration.ofMillis(Long.parseLong(args[3]));
        Path statusFile = Path.of(args[4]);
        BlobContainers blobs = BlobContainers.azurite();
        GrsReplicator replicator = new GrsReplicator(blobs.container(sourceName), blobs.container(targetName), lag);
        LOG.info("GRS emulator copies {} to {} with a lag of {} ms, scanning every {} ms",
                sourceName, targetName, lag.toMillis(), interval.toMillis());
        boolean failing = false;
        while (true) {
            try {
                Instant lst = replicator.replicateOnce(Instant.now());
                new LastSyncTime(sourceName, targetName, lst.toString(), lag.toMillis(), Instant.now().toString(),
                        replicator.copiedTotal(), replicator.deletedTotal()).write(statusFile);
                if (failing) LOG.info("GRS source {} reachable again", sourceName);
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) LOG.warn("GRS source {} unreachable; Last Sync Time frozen: {}", sourceName, e.getMessage());
                failing = true;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
