package io.github.fgf.statetools.store;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots in Azure Blob storage (or Azurite) through the Blob API, for wasb(s):// and
 * abfs(s):// locations alike; credentials as {@link BlobAccounts} finds them.
 */
public final class BlobSnapshotStore implements SnapshotStore {

    private static final String FOLDER_MARKER = "hdi_isfolder";

    private final BlobServiceClient service;
    private final String account;

    private BlobSnapshotStore(BlobServiceClient service, String account) {
        this.service = service;
        this.account = account;
    }

    public static BlobSnapshotStore forAccount(SnapshotUri uri) {
        return new BlobSnapshotStore(BlobAccounts.serviceClient(uri), uri.account());
    }

    private BlobContainerClient container(SnapshotUri uri) {
        return service.getBlobContainerClient(uri.container());
    }

    private static String blobName(SnapshotUri uri) {
        String p = uri.path();
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private String uriOf(SnapshotUri base, String name) {
        return base.scheme() + "://" + base.container() + "@" + account + "/" + name;
    }

    @Override
    public List<StoredFile> list(SnapshotUri dir) {
        String prefix = blobName(dir);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
        List<StoredFile> out = new ArrayList<>();
        try {
            BlobContainerClient c = container(dir);
            if (!c.exists()) {
                throw new StateToolsException(Reason.ACCESS, "container " + dir.container() + " does not exist (" + dir + ")");
            }
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(5000)
                    .setDetails(new BlobListDetails().setRetrieveMetadata(true));
            for (BlobItem item : c.listBlobs(options, null)) {
                // WASB marks directories with empty blobs carrying hdi_isfolder: not files.
                if (item.getMetadata() != null && "true".equals(item.getMetadata().get(FOLDER_MARKER))) continue;
                out.add(new StoredFile(uriOf(dir, item.getName()), item.getProperties().getContentLength(),
                        lastModified(item.getMetadata(), item.getProperties().getLastModified().toInstant())));
            }
            return out;
        } catch (BlobStorageException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot list " + dir + ": " + e.getErrorCode(), e);
        }
    }

    /**
     * A geo-secondary copy keeps the primary's Last-Modified. The local GRS emulator cannot set it,
     * so it records it as metadata; honour that, so the restore-point rule sees the write time.
     */
    static java.time.Instant lastModified(java.util.Map<String, String> metadata, java.time.Instant own) {
        String source = metadata == null ? null : metadata.get(SOURCE_LAST_MODIFIED);
        return source == null ? own : java.time.Instant.parse(source);
    }

    static final String SOURCE_LAST_MODIFIED = "fgf_source_last_modified";

    @Override
    public Optional<StoredFile> stat(SnapshotUri file) {
        try {
            BlobProperties p = container(file).getBlobClient(blobName(file)).getProperties();
            if (p.getMetadata() != null && "true".equals(p.getMetadata().get(FOLDER_MARKER))) return Optional.empty();
            return Optional.of(new StoredFile(uriOf(file, blobName(file)), p.getBlobSize(),
                    lastModified(p.getMetadata(), p.getLastModified().toInstant())));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) return Optional.empty();
            throw new StateToolsException(Reason.ACCESS, "cannot stat " + file + ": " + e.getErrorCode(), e);
        }
    }

    @Override
    public InputStream open(SnapshotUri file) {
        try {
            return container(file).getBlobClient(blobName(file)).openInputStream();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) throw new StateToolsException(Reason.PROBLEM, file + " does not exist", e);
            throw new StateToolsException(Reason.ACCESS, "cannot read " + file + ": " + e.getErrorCode(), e);
        }
    }

    @Override
    public void write(SnapshotUri file, InputStream content, long size, Optional<java.time.Instant> sourceModified) {
        java.util.Map<String, String> metadata = new java.util.HashMap<>();
        sourceModified.ifPresent(t -> metadata.put(SOURCE_LAST_MODIFIED, t.toString()));
        try {
            container(file).getBlobClient(blobName(file)).uploadWithResponse(
                    new com.azure.storage.blob.options.BlobParallelUploadOptions(content, size).setMetadata(metadata),
                    null, com.azure.core.util.Context.NONE);
        } catch (BlobStorageException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot write " + file + ": " + e.getErrorCode(), e);
        }
    }

    /**
     * Copy Blob within this account: the service copies, and the source is authorized by this account's own credential.
     * From another account the source would need a SAS of its own, so the caller streams instead.
     */
    @Override
    public boolean copyWithin(SnapshotUri from, SnapshotUri to) {
        if (from.scheme().equals("file") || !BlobEndpoint.of(from.account()).host().equals(BlobEndpoint.of(account).host())) {
            return false;
        }
        var source = container(from).getBlobClient(blobName(from));
        var target = container(to).getBlobClient(blobName(to));
        try {
            var poller = target.beginCopy(source.getBlobUrl(), java.time.Duration.ofMillis(100));
            var done = poller.waitForCompletion(java.time.Duration.ofMinutes(10));
            var status = done.getValue().getCopyStatus();
            if (status != com.azure.storage.blob.models.CopyStatusType.SUCCESS) {
                throw new StateToolsException(Reason.ACCESS, "copy of " + from + " to " + to + " ended " + status);
            }
            return true;
        } catch (BlobStorageException e) {
            // A SAS-authorized store cannot vouch for the source: the service refuses to verify it. Stream instead.
            if (e.getErrorCode() == com.azure.storage.blob.models.BlobErrorCode.CANNOT_VERIFY_COPY_SOURCE) return false;
            if (e.getStatusCode() == 404) throw new StateToolsException(Reason.PROBLEM, from + " does not exist", e);
            throw new StateToolsException(Reason.ACCESS, "cannot copy " + from + " to " + to + ": " + e.getErrorCode(), e);
        }
    }

    @Override
    public void delete(SnapshotUri file) {
        try {
            container(file).getBlobClient(blobName(file)).deleteIfExists();
        } catch (BlobStorageException e) {
            throw new StateToolsException(Reason.ACCESS, "cannot delete " + file + ": " + e.getErrorCode(), e);
        }
    }
}
