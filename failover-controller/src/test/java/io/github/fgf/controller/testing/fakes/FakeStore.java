package io.github.fgf.controller.testing.fakes;

import io.github.fgf.controller.act.FailbackRecord;
import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.act.HeldLease;
import io.github.fgf.controller.act.Lease;
import io.github.fgf.controller.act.RecordStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The record store in memory, with the lease semantics of a blob lease: one holder at a time, a
 * write by anyone else refused, and a switch that takes the lease away (as storage does when it
 * expires or is broken).
 */
public final class FakeStore implements RecordStore {

    private final Path localDir;
    private FailoverRecord record;
    private FailbackRecord failback;
    private Long epoch;
    private FakeLease holder;
    public final AtomicInteger writes = new AtomicInteger();

    public FakeStore(Path localDir) {
        this.localDir = localDir;
    }

    /** A lease this store granted. {@link #lose()} is the failure switch. */
    public final class FakeLease implements HeldLease {
        private final String controllerId;
        private volatile boolean lost;

        FakeLease(String controllerId) {
            this.controllerId = controllerId;
        }

        public void lose() {
            lost = true;
            synchronized (FakeStore.this) {
                if (holder == this) holder = null;
            }
        }

        @Override
        public void ensureHeld() {
            if (lost) throw new Lease.LostException("taken away by the test");
        }

        @Override
        public String id() {
            return controllerId;
        }

        @Override
        public Map<String, String> holderMetadata() {
            return Map.of("holder", controllerId);
        }

        @Override
        public void close() {
            synchronized (FakeStore.this) {
                if (holder == this) holder = null;
            }
        }
    }

    @Override
    public synchronized HeldLease acquireLease(String controllerId) {
        if (holder != null && !holder.controllerId.equals(controllerId)) throw new Lease.HeldException(holder.controllerId, "now");
        holder = new FakeLease(controllerId);
        return holder;
    }

    /** The lease now held, for a test that takes it away mid-run. */
    public synchronized FakeLease holder() {
        return holder;
    }

    @Override
    public synchronized Optional<FailoverRecord> read() {
        return Optional.ofNullable(record);
    }

    @Override
    public synchronized void write(FailoverRecord r, HeldLease lease) {
        // As storage refuses a write with a lease id that is not the blob's (412).
        if (lease != holder) throw new Lease.LostException("write refused: the lease is not this controller's");
        record = r;
        writes.incrementAndGet();
    }

    /** Sets the record as another process left it (a failback closing it, say). */
    public synchronized void put(FailoverRecord r) {
        record = r;
    }

    @Override
    public synchronized Optional<FailbackRecord> readFailback(long e) {
        return Optional.ofNullable(failback).filter(f -> f.epoch() == e);
    }

    @Override
    public synchronized void writeFailback(FailbackRecord f) {
        failback = f;
    }

    @Override
    public synchronized Optional<Long> readEpoch() {
        return Optional.ofNullable(epoch);
    }

    @Override
    public synchronized void writeEpoch(long e) {
        if (epoch == null || epoch < e) epoch = e;
    }

    @Override
    public Path localDir() {
        return localDir;
    }
}
