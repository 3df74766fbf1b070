package io.github.fgf.statetools.store;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;

/**
 * A Blob service client for the account of a wasb(s)/abfs(s) location. Credentials: a SAS in the
 * location's query, else AZURE_STORAGE_CONNECTION_STRING, else AZURE_STORAGE_KEY; the emulator
 * account (Azurite) needs none.
 */
public final class BlobAccounts {

    /** Azurite's well-known development account key (public). */
    private static final String EMULATOR_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static final String EMULATOR_ACCOUNT = "devstoreaccount1";

    private BlobAccounts() {}

    public static BlobServiceClient serviceClient(SnapshotUri uri) {
        String accountName = uri.account().split("\\.")[0];
        BlobServiceClientBuilder b = new BlobServiceClientBuilder();
        if (accountName.equals(EMULATOR_ACCOUNT)) {
            return b.connectionString("DefaultEndpointsProtocol=http;AccountName=" + EMULATOR_ACCOUNT + ";AccountKey="
                    + EMULATOR_KEY + ";BlobEndpoint=http://127.0.0.1:10000/" + EMULATOR_ACCOUNT + ";").buildClient();
        }
        b.endpoint("https://" + accountName + ".blob.core.windows.net");
        String cs = System.getenv("AZURE_STORAGE_CONNECTION_STRING");
        String key = System.getenv("AZURE_STORAGE_KEY");
        if (uri.query() != null) {
            b.sasToken(uri.query());
        } else if (cs != null) {
            b.connectionString(cs);
        } else if (key != null) {
            b.credential(new com.azure.storage.common.StorageSharedKeyCredential(accountName, key));
        } else {
            throw new StateToolsException(Reason.ACCESS, "no credentials for account " + accountName
                    + ": put a SAS in the location's query, or set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_KEY");
        }
        return b.buildClient();
    }
}
