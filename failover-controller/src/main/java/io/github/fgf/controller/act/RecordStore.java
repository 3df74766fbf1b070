package io.github.fgf.controller.act;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the runners keep what they decided and did: the failover record (under the lease), the
 * failback progress and the epoch mark. {@link ControllerStore} keeps them in region B's storage;
 * tests pass an in-memory store.
 */
public interface RecordStore {

    /** Takes the failover lease; throws {@link Lease.HeldException} naming the holder when another controller has it. */
    HeldLease acquireLease(String controllerId);

    Optional<FailoverRecord> read();

    /** Writes the record under the lease: a controller without it is refused. */
    void write(FailoverRecord record, HeldLease lease);

    Optional<FailbackRecord> readFailback(long epoch);

    void writeFailback(FailbackRecord record);

    /** The highest failover epoch this store has been told of. */
    Optional<Long> readEpoch();

    /** Raises the epoch mark (never lowers it). */
    void writeEpoch(long epoch);

    /** The operator's local directory: the audit log and a copy of the record. */
    Path localDir();
}
