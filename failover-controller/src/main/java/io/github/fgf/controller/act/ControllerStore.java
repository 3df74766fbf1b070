package io.github.fgf.controller.act;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.store.BlobAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the controller keeps its failover record: a blob in region B's storage (it survives the
 * loss of A, and a controller elsewhere sees it) with a local copy for operators.
 */
public final class ControllerStore implements RecordStore {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static final String RECORD = "failover.json";
    private final BlobContainerClient container;
    private final String prefix;
    private final Path localDir;

    /** {@code location}: a wasb(s):// directory in region B's storage, e.g. its savepoints URI. */
    public ControllerStore(String location, Path localDir) {
        SnapshotUri uri = SnapshotUri.parse(location);
        this.container = BlobAccounts.serviceClient(uri).getBlobContainerClient(uri.container());
        if (!container.exists()) container.create();
        String p = uri.path().replaceAll("^/+", "").replaceAll("/+$", "");
        this.prefix = (p.isEmpty() ? "" : p + "/") + "failover-controller/";
        this.localDir = localDir;
    }

    @Override
    public HeldLease acquireLease(String controllerId) {
        return Lease.acquire(blob(RECORD), controllerId);
    }

    public BlobClient blob(String name) {
        return container.getBlobClient(prefix + name);
    }

    @Override
    public Optional<FailoverRecord> read() {
        try {
            byte[] bytes = blob(RECORD).downloadContent().toBytes();
            return bytes.length == 0 ? Optional.empty() : Optional.of(JSON.readValue(bytes, FailoverRecord.class));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) return Optional.empty();
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the record under the lease (a controller without it is refused by storage), then the local copy. */
    @Override
    public void write(FailoverRecord record, HeldLease lease) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(record);
            blob(RECORD).uploadWithResponse(new com.azure.storage.blob.options.BlobParallelUploadOptions(BinaryData.fromBytes(bytes))
                            .setMetadata(lease.holderMetadata())
                            .setRequestConditions(new com.azure.storage.blob.models.BlobRequestConditions().setLeaseId(lease.id())),
                    null, com.azure.core.util.Context.NONE);
            Files.createDirectories(localDir);
            Files.write(localDir.resolve("failover.json"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String FAILBACK = "failback.json";

    /** The failback progress of an epoch, if a failback has started. */
    @Override
    public Optional<FailbackRecord> readFailback(long epoch) {
        try {
            byte[] bytes = blob(FAILBACK).downloadContent().toBytes();
            FailbackRecord f = JSON.readValue(bytes, FailbackRecord.class);
            return f.epoch() == epoch ? Optional.of(f) : Optional.empty();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) return Optional.empty();
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Failback runs after the failover (no lease): the record only keeps a rerun from repeating a step. */
    @Override
    public void writeFailback(FailbackRecord record) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(record);
            blob(FAILBACK).upload(BinaryData.fromBytes(bytes), true);
            Files.createDirectories(localDir);
            Files.write(localDir.resolve(FAILBACK), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String EPOCH = "epoch.json";

    /** The highest failover epoch this region's storage has been told of (see {@code EpochCounter}). */
    @Override
    public Optional<Long> readEpoch() {
        try {
            byte[] bytes = blob(EPOCH).downloadContent().toBytes();
            return Optional.of(JSON.readTree(bytes).path("epoch").asLong());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) return Optional.empty();
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raises the epoch mark (never lowers it). */
    @Override
    public void writeEpoch(long epoch) {
        if (readEpoch().orElse(0L) >= epoch) return;
        try {
            blob(EPOCH).upload(BinaryData.fromBytes(JSON.writeValueAsBytes(java.util.Map.of("epoch", epoch))), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Path localDir() {
        return localDir;
    }
}
