package io.github.fgf.controller.act;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blob lease on the failover record in region B's storage: only its holder can write the record,
 * so a second controller cannot act. The lease id is derived from the controller id, so the same
 * controller restarted after a crash takes its lease back at once instead of waiting for expiry.
 */
public final class Lease implements HeldLease {

    private static final Logger LOG = LoggerFactory.getLogger(Lease.class);
    public static final Duration DURATION = Duration.ofSeconds(30);
    private static final int HOLDER_LOOKUPS = 10;
    private static final Duration HOLDER_LOOKUP_PAUSE = Duration.ofMillis(200);

    private final BlobLeaseClient client;
    private final String controllerId;
    private final Instant since;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewer");
        t.setDaemon(true);
        return t;
    });

    private Lease(BlobLeaseClient client, String controllerId, Instant since) {
        this.client = client;
        this.controllerId = controllerId;
        this.since = since;
    }

    /** Thrown when another controller holds the lease. */
    public static final class HeldException extends RuntimeException {
        public HeldException(String holder, String since) {
            super("another controller holds the failover lease: " + holder + " since " + since + "; doing nothing");
        }
    }

    public static Lease acquire(BlobClient record, String controllerId) {
        if (!record.exists()) {
            try {
                record.upload(BinaryData.fromBytes(new byte[0]), false);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 409) throw e; // created meanwhile by the other controller
            }
        }
        String leaseId = UUID.nameUUIDFromBytes(controllerId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        BlobLeaseClient client = new BlobLeaseClientBuilder().blobClient(record).leaseId(leaseId).buildClient();
        try {
            client.acquireLease((int) DURATION.toSeconds());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409) throw held(record);
            throw e;
        }
        Lease lease = new Lease(client, controllerId, Instant.now());
        // name the holder at once, so a controller that lost a simultaneous start can say who won
        record.setMetadataWithResponse(lease.holderMetadata(), new BlobRequestConditions().setLeaseId(leaseId), null, Context.NONE);
        lease.renewer.scheduleAtFixedRate(lease::renew, DURATION.toSeconds() / 3, DURATION.toSeconds() / 3, TimeUnit.SECONDS);
        LOG.info("Controller {} holds the failover lease on {}", controllerId, record.getBlobUrl());
        return lease;
    }

    /**
     * The holder as the record names it. The winner of a race writes its name a moment after it
     * takes the lease, so a loser that finds no name yet looks again briefly before saying unknown.
     */
    private static HeldException held(BlobClient record) {
        Map<String, String> md = Map.of();
        for (int attempt = 0; attempt < HOLDER_LOOKUPS; attempt++) {
            md = record.getProperties().getMetadata();
            if (md.containsKey("holder")) break;
            try {
                Thread.sleep(HOLDER_LOOKUP_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new HeldException(md.getOrDefault("holder", "unknown"), md.getOrDefault("since", "unknown"));
    }

    private volatile String lost;

    /** Thrown when this controller no longer holds the lease: it must stop acting at once. */
    public static final class LostException extends RuntimeException {
        public LostException(String why) {
            super("this controller lost the failover lease (" + why + "); it stops here, and a controller holding the lease "
                    + "continues from the recorded steps");
        }
    }

    private volatile Instant renewedAt = Instant.now();

    private void renew() {
        try {
            client.renewLease();
            renewedAt = Instant.now();
        } catch (BlobStorageException e) {
            String why = e.getErrorCode() == null ? "status " + e.getStatusCode() : e.getErrorCode().toString();
            // 409/412: storage says the lease is broken, expired or someone else's. Anything else may pass.
            if (e.getStatusCode() == 409 || e.getStatusCode() == 412) lost = why;
            LOG.warn("Renewing the failover lease failed: {}", why);
        } catch (RuntimeException e) {
            LOG.warn("Renewing the failover lease failed (will retry while it lasts): {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Renews the lease now and throws {@link LostException} if storage says it is gone, or if no renewal has
     * succeeded for a whole lease period: called before every step, so a controller that lost its lease never
     * starts another action, while a passing storage error does not abort a failover.
     */
    @Override
    public void ensureHeld() {
        if (lost != null) throw new LostException(lost);
        renew();
        if (lost != null) throw new LostException(lost);
        if (Duration.between(renewedAt, Instant.now()).compareTo(DURATION) >= 0) {
            throw new LostException("not renewed for " + DURATION.toSeconds() + " s");
        }
    }

    @Override
    public String id() {
        return client.getLeaseId();
    }

    @Override
    public Map<String, String> holderMetadata() {
        return Map.of("holder", controllerId, "since", since.toString());
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            client.releaseLease();
        } catch (RuntimeException e) {
            LOG.warn("Releasing the failover lease failed (it expires in {} s): {}", DURATION.toSeconds(), e.getMessage());
        }
    }
}
