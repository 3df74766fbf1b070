package io.github.fgf.localregions.grs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
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

    /**
     * Copies content, metadata and headers, as GRS does. Metadata matters: WASB marks directories
     * with {@code hdi_isfolder}; without it a directory marker reads back as an empty file.
     */
    private void copy(String name) {
        BlobClient from = source.getBlobClient(name);
        BlobClient to = target.getBlobClient(name);
        try (BlobInputStream in = from.openInputStream()) {
            BlobProperties props = in.getProperties();
            BlobHttpHeaders headers = new BlobHttpHeaders().setContentType(props.getContentType())
                    .setContentEncoding(props.getContentEncoding()).setContentMd5(props.getContentMd5());
            // A geo-secondary keeps the primary's Last-Modified; the API cannot set it, so it travels as metadata.
            Map<String, String> metadata = new HashMap<>(props.getMetadata() == null ? Map.of() : props.getMetadata());
            metadata.put(SOURCE_LAST_MODIFIED, props.getLastModified().toInstant().toString());
            to.uploadWithResponse(new BlobParallelUploadOptions(in, props.getBlobSize())
                    .setMetadata(metadata).setHeaders(headers), null, Context.NONE);
        }
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
