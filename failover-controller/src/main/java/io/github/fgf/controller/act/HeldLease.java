package io.github.fgf.controller.act;

import java.util.Map;

/**
 * The failover lease as a runner holds it. Every step calls {@link #ensureHeld()} first, so a
 * controller that lost the lease never starts another action.
 */
public interface HeldLease extends AutoCloseable {

    /** Throws {@link Lease.LostException} when this controller no longer holds the lease. */
    void ensureHeld();

    /** The id a write under the lease presents to storage. */
    String id();

    /** Who holds the lease and since when, written beside the record. */
    Map<String, String> holderMetadata();

    @Override
    void close();
}
