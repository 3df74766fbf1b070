package io.github.fgf.statetools.store;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Blob service client for the account of a wasb(s)/abfs(s) location. Credentials, in order: a
 * SAS in the location's query; {@code AZURE_STORAGE_CONNECTION_STRING} when it is for that account
 * (its key or SAS; never its endpoint); {@code AZURE_STORAGE_KEY}. Requests always go to the host
 * the location names, so a geo-secondary location reaches the secondary endpoint, signed for the
 * account's own name. The emulator account (Azurite) needs none.
 */
public final class BlobAccounts {

    /** Azurite's well-known development account key (public). */
    private static final String EMULATOR_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static final String EMULATOR_ACCOUNT = "devstoreaccount1";

    private BlobAccounts() {}

    public static BlobServiceClient serviceClient(SnapshotUri uri) {
        return serviceClient(uri, BlobAccess.fromEnvironment());
    }

    public static BlobServiceClient serviceClient(SnapshotUri uri, BlobAccess access) {
        return serviceClient(BlobEndpoint.of(uri.account()), uri.query(), access);
    }

    /** @param sas a SAS query from the location, or null */
    public static BlobServiceClient serviceClient(BlobEndpoint endpoint, String sas, BlobAccess access) {
        BlobServiceClientBuilder b = new BlobServiceClientBuilder();
        access.http().ifPresent(b::httpClient);
        if (endpoint.accountName().equals(EMULATOR_ACCOUNT)) {
            return b.connectionString("DefaultEndpointsProtocol=http;AccountName=" + EMULATOR_ACCOUNT + ";AccountKey="
                    + EMULATOR_KEY + ";BlobEndpoint=http://127.0.0.1:10000/" + EMULATOR_ACCOUNT + ";").buildClient();
        }
        b.endpoint(endpoint.url());
        Optional<Map<String, String>> cs = access.get(BlobAccess.CONNECTION_STRING).map(BlobAccounts::parse)
                .filter(parts -> endpoint.accountName().equalsIgnoreCase(parts.getOrDefault("AccountName", endpoint.accountName())));
        if (sas != null) {
            b.sasToken(sas);
        } else if (cs.isPresent() && cs.get().containsKey("SharedAccessSignature")) {
            b.sasToken(cs.get().get("SharedAccessSignature"));
        } else if (cs.isPresent() && cs.get().containsKey("AccountKey")) {
            // Only the key: the connection string's endpoint is the primary's, and after a region loss that one is dead.
            b.credential(new StorageSharedKeyCredential(endpoint.accountName(), cs.get().get("AccountKey")));
        } else if (access.get(BlobAccess.KEY).isPresent()) {
            b.credential(new StorageSharedKeyCredential(endpoint.accountName(), access.get(BlobAccess.KEY).get()));
        } else {
            throw new StateToolsException(Reason.ACCESS, "no credentials for account " + endpoint.accountName()
                    + (access.get(BlobAccess.CONNECTION_STRING).isPresent() ? " (AZURE_STORAGE_CONNECTION_STRING is for another account)" : "")
                    + ": put a SAS in the location's query, or set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_KEY");
        }
        return b.buildClient();
    }

    /** {@code k=v;k=v}; a value may itself hold '=' (keys and SAS do). */
    static Map<String, String> parse(String connectionString) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : connectionString.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }
}
