package io.github.fgf.statetools.action;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the Last Sync Time comes from: Get Blob Service Stats on a secondary endpoint
 * ({@code https://<account>-secondary.blob.core.windows.net}), or the local GRS emulator's
 * status file ({@code local:<path>/grs-status.json}).
 */
public final class LastSyncTimeSource {

    private LastSyncTimeSource() {}

    public static Instant read(String spec) {
        try {
            if (spec.startsWith("local:")) {
                Path file = Path.of(spec.substring("local:".length()));
                if (!Files.exists(file)) throw new StateToolsException(Reason.ACCESS, "no GRS status at " + file);
                return Instant.parse(new ObjectMapper().readTree(file.toFile()).get("lastSyncTime").asText());
            }
            if (spec.startsWith("https://") || spec.startsWith("http://")) {
                var b = new BlobServiceClientBuilder().endpoint(spec);
                String key = System.getenv("AZURE_STORAGE_KEY");
                String account = java.net.URI.create(spec).getHost().split("\\.")[0].replace("-secondary", "");
                if (key != null) b.credential(new com.azure.storage.common.StorageSharedKeyCredential(account, key));
                var geo = b.buildClient().getStatistics().getGeoReplication();
                return geo.getLastSyncTime().toInstant();
            }
        } catch (StateToolsException e) {
            throw e;
        } catch (Exception e) {
            throw new StateToolsException(Reason.ACCESS, "cannot read the Last Sync Time from " + spec + ": "
                    + e.getClass().getSimpleName(), e);
        }
        throw new StateToolsException(Reason.USAGE, "--last-sync-time-from: expected https://<account>-secondary.blob."
                + "core.windows.net or local:<grs-status.json>, got '" + spec + "'");
    }
}
