package io.github.fgf.statetools.store;

import io.github.fgf.statetools.location.SnapshotUri;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where snapshots live: a local filesystem or Azure Blob storage. Listing is recursive and flat,
 * which is one request per page on Blob storage: the difference between seconds and minutes
 * when a directory holds hundreds of snapshots.
 */
public interface SnapshotStore {

    /** Every file under the directory, recursively (directory markers excluded). */
    List<StoredFile> list(SnapshotUri dir);

    Optional<StoredFile> stat(SnapshotUri file);

    InputStream open(SnapshotUri file);

    void delete(SnapshotUri file);

    /**
     * Writes a file whole, replacing what is there. {@code sourceModified}: the write time of the original this is a
     * copy of, kept so the copy dates as its source does (the restore-point rule and state RPO read that time).
     */
    void write(SnapshotUri file, InputStream content, long size, Optional<java.time.Instant> sourceModified);

    /**
     * Copies a file inside the store without the bytes passing through this process (Blob storage: a server-side
     * copy within one account), or returns false when this store cannot copy from there; the caller then streams.
     */
    default boolean copyWithin(SnapshotUri from, SnapshotUri to) {
        return false;
    }

    /** The store for a location: file:// or Blob storage (wasb(s)://, abfs(s)://). */
    static SnapshotStore forUri(SnapshotUri uri) {
        return uri.scheme().equals("file") ? new LocalFileStore() : BlobSnapshotStore.forAccount(uri);
    }
}
