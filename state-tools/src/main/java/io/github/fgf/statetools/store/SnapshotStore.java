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

    /** The store for a location: file:// or Blob storage (wasb(s)://, abfs(s)://). */
    static SnapshotStore forUri(SnapshotUri uri) {
        return uri.scheme().equals("file") ? new LocalFileStore() : BlobSnapshotStore.forAccount(uri);
    }
}
