package io.github.fgf.localregions.grs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import io.github.fgf.localregions.azurite.BlobCopy;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GRS emulator: copies each blob of the source container to the secondary container once the
 * blob is older than the lag, propagates deletions, and computes a Last Sync Time that never
 * covers a write it has not copied.
 */
public final class GrsReplicator {

    private static final Logger LOG = LoggerFactory.getLogger(GrsReplicator.class);
    /** Blob Last-Modified has one-second resolution: a blob stamped T may have been written up to T+1s. */
    static final Duration TIMESTAMP_RESOLUTION = Duration.ofSeconds(1);
    /** Metadata key holding the source blob's Last-Modified on the secondary copy. */
    public static final String SOURCE_LAST_MODIFIED = "fgf_source_last_modified";

    private final BlobContainerClient source;
    private final BlobContainerClient target;
    private final Duration lag;
    /** Source ETag of each blob as last copied; also the set whose deletions we propagate. */
    private final Map<String, String> copied = new HashMap<>();
    private Instant lastSyncTime = Instant.EPOCH;
    private long copiedTotal;
    private long deletedTotal;

    public GrsReplicator(BlobContainerClient source, BlobContainerClient target, Duration lag) {
        this.source = source;
        this.target = target;
        this.lag = lag;
    }

    /** One scan; returns the Last Sync Time after it. Throws if the source cannot be listed. */
    public Instant replicateOnce(Instant now) {
        Instant horizon = now.minus(lag);
        boolean complete = true;
        Set<String> present = new HashSet<>();
        for (BlobItem item : source.listBlobs()) {
            String name = item.getName();
            present.add(name);
            BlobItemProperties props = item.getProperties();
            Instant writtenBy = props.getLastModified().toInstant().plus(TIMESTAMP_RESOLUTION);
            if (writtenBy.isAfter(horizon) || props.getETag().equals(copied.get(name))) {
                continue;
            }
            try {
                copy(name);
                copied.put(name, props.getETag());
                copiedTotal++;
            } catch (RuntimeException e) {
                if (!source.getBlobClient(name).exists()) {
                    // Deleted since the listing (Flink subsumes a checkpoint seconds after writing it): GRS replicates the
                    // delete too, so there is nothing to wait for. Holding the Last Sync Time for it froze it for good
                    // while a job checkpointed every second.
                    LOG.debug("GRS copy of {} skipped: deleted since the listing", name);
                    continue;
                }
                complete = false;
                LOG.warn("GRS copy of {} failed; Last Sync Time holds until it succeeds: {}", name, e.getMessage());
            }
        }
        // Only deletions of blobs we saw are propagated: after a region is revived with empty
        // containers, the secondary copy keeps what it had, as a geo-secondary does.
        for (String name : Set.copyOf(copied.keySet())) {
            if (!present.contains(name)) {
                target.getBlobClient(name).deleteIfExists();
                copied.remove(name);
                deletedTotal++;
            }
        }
        if (complete) {
            // Every write completed before horizon - resolution has a stamp <= horizon, so it was copied.
            Instant candidate = horizon.minus(TIMESTAMP_RESOLUTION);
            if (candidate.isAfter(lastSyncTime)) lastSyncTime = candidate;
        }
        return lastSyncTime;
    }

    /** As GRS does: content, metadata and headers; a geo-secondary keeps the primary's Last-Modified, which the API cannot set. */
    private void copy(String name) {
        BlobCopy.copy(source.getBlobClient(name), target.getBlobClient(name),
                props -> Map.of(SOURCE_LAST_MODIFIED, props.getLastModified().toInstant().toString()));
    }

    public Instant lastSyncTime() {
        return lastSyncTime;
    }

    public long copiedTotal() {
        return copiedTotal;
    }

    public long deletedTotal() {
        return deletedTotal;
    }
}
