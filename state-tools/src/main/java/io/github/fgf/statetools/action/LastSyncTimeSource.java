package io.github.fgf.statetools.action;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobServiceStatistics;
import com.azure.storage.blob.models.GeoReplication;
import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the Last Sync Time comes from: Get Blob Service Stats on a secondary endpoint
 * ({@code https://<account>-secondary.blob.core.windows.net}, with a SAS in the query or
 * AZURE_STORAGE_KEY), or the local GRS emulator's status file ({@code local:<path>/grs-status.json}).
 */
public final class LastSyncTimeSource {

    private LastSyncTimeSource() {}

    public static Instant read(String spec) {
        return read(spec, System.getenv("AZURE_STORAGE_KEY"));
    }

    /** With the account key passed in, so tests do not depend on the environment. */
    static Instant read(String spec, String accountKey) {
        try {
            if (spec.startsWith("local:")) {
                Path file = Path.of(spec.substring("local:".length()));
                if (!Files.exists(file)) throw new StateToolsException(Reason.ACCESS, "no GRS status at " + file);
                return Instant.parse(new ObjectMapper().readTree(file.toFile()).get("lastSyncTime").asText());
            }
            if (spec.startsWith("https://") || spec.startsWith("http://")) {
                return fromServiceStats(spec, accountKey);
            }
        } catch (StateToolsException e) {
            throw e;
        } catch (Exception e) {
            throw new StateToolsException(Reason.ACCESS, "cannot read the Last Sync Time from " + SnapshotUri.redact(spec) + ": "
                    + e.getClass().getSimpleName(), e);
        }
        throw new StateToolsException(Reason.USAGE, "--last-sync-time-from: expected https://<account>-secondary.blob."
                + "core.windows.net or local:<grs-status.json>, got '" + SnapshotUri.redact(spec) + "'");
    }

    private static Instant fromServiceStats(String spec, String key) {
        // the builder takes a SAS from the endpoint's query itself
        var b = new BlobServiceClientBuilder().endpoint(spec);
        java.net.URI uri = java.net.URI.create(spec);
        String account = uri.getHost().split("\\.")[0].replace("-secondary", "");
        if (uri.getQuery() == null) {
            if (key == null) {
                throw new StateToolsException(Reason.ACCESS, "no credentials for " + spec + ": Get Blob Service Stats needs a SAS "
                        + "in the endpoint's query or AZURE_STORAGE_KEY");
            }
            b.credential(new com.azure.storage.common.StorageSharedKeyCredential(account, key));
        }
        BlobServiceStatistics stats = b.buildClient().getStatistics();
        GeoReplication geo = stats == null ? null : stats.getGeoReplication();
        // "bootstrap" (initial copy running) and "unavailable" report no usable time: nothing is provably replicated
        if (geo == null || geo.getLastSyncTime() == null) {
            throw new StateToolsException(Reason.ACCESS, "no Last Sync Time at " + SnapshotUri.redact(spec) + ": geo-replication status "
                    + (geo == null || geo.getStatus() == null ? "unknown" : geo.getStatus()) + "; nothing counts as replicated yet");
        }
        return geo.getLastSyncTime().toInstant();
    }
}
