package io.github.fgf.localregions.azurite;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies blobs with their content, metadata and headers. Metadata matters: WASB marks directories
 * with {@code hdi_isfolder}; without it a directory marker reads back as an empty file.
 */
public final class BlobCopy {

    private BlobCopy() {}

    /** Copies one blob, adding {@code extra} metadata (computed from the source's properties) to what it has. */
    public static void copy(BlobClient from, BlobClient to, java.util.function.Function<BlobProperties, Map<String, String>> extra) {
        try (BlobInputStream in = from.openInputStream()) {
            BlobProperties props = in.getProperties();
            BlobHttpHeaders headers = new BlobHttpHeaders().setContentType(props.getContentType())
                    .setContentEncoding(props.getContentEncoding()).setContentMd5(props.getContentMd5());
            Map<String, String> metadata = new HashMap<>(props.getMetadata() == null ? Map.of() : props.getMetadata());
            metadata.putAll(extra.apply(props));
            to.uploadWithResponse(new BlobParallelUploadOptions(in, props.getBlobSize())
                    .setMetadata(metadata).setHeaders(headers).setComputeMd5(false), null, Context.NONE);
        }
    }

    /** Copies every blob of one container into another; returns how many. */
    public static int copyAll(BlobContainerClient from, BlobContainerClient to) {
        int n = 0;
        for (var item : from.listBlobs()) {
            copy(from.getBlobClient(item.getName()), to.getBlobClient(item.getName()), p -> Map.of());
            n++;
        }
        return n;
    }
}
