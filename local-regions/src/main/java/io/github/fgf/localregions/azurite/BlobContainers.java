package io.github.fgf.localregions.azurite;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;

/** Creates and deletes the environment's containers in Azurite. */
public final class BlobContainers {

    private final BlobServiceClient service;

    public BlobContainers(String connectionString) {
        this.service = new BlobServiceClientBuilder().connectionString(connectionString).buildClient();
    }

    public static BlobContainers azurite() {
        return new BlobContainers(AzuriteServer.CONNECTION_STRING);
    }

    public BlobContainerClient container(String name) {
        return service.getBlobContainerClient(name);
    }

    public void create(String name) {
        BlobContainerClient c = service.getBlobContainerClient(name);
        if (!c.exists()) {
            try {
                c.create();
            } catch (BlobStorageException e) {
                // A container deleted a moment ago is "being deleted" for a while in Azure; Azurite is immediate.
                if (e.getStatusCode() != 409) throw e;
            }
        }
    }

    public void delete(String name) {
        service.getBlobContainerClient(name).deleteIfExists();
    }

    public boolean exists(String name) {
        return service.getBlobContainerClient(name).exists();
    }
}
