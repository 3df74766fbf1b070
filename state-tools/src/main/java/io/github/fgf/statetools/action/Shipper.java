package io.github.fgf.statetools.action;

import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.StateToolsException.Reason;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.ShipReport;
import io.github.fgf.statetools.read.LoadedSnapshot;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.ReferencedFile;
import io.github.fgf.statetools.read.Relocation;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.read.StateHandles;
import io.github.fgf.statetools.store.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships a retained checkpoint to another store (region B's own storage), so it can be restored
 * there whatever the geo-replication lag. The layout under the target keeps the checkpoint's
 * place in its job directory: {@code <target>/<job>/chk-N/...} and {@code <target>/<job>/shared/...}.
 * Shared files are immutable and uniquely named, so one already there with its size is not copied
 * again: each shipment copies only what the checkpoint added. {@code _metadata} is written last,
 * relocated to the copies; until it exists the shipment is incomplete and never a restore point.
 */
public final class Shipper {

    private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);
    private static final int COPIERS = 8;

    private final SnapshotReader source;
    private final SnapshotStore target;

    public Shipper(SnapshotReader source, SnapshotStore target) {
        this.source = source;
        this.target = target;
    }

    /** Where a checkpoint ships to: its job directory and checkpoint directory names under the target root. */
    public static SnapshotUri destination(SnapshotUri checkpoint, SnapshotUri targetRoot) {
        SnapshotUri dir = checkpoint.path().endsWith("/" + SnapshotReader.METADATA) ? checkpoint.parent() : checkpoint;
        return targetRoot.child(name(dir.parent())).child(name(dir));
    }

    public ShipReport ship(SnapshotUri checkpoint, SnapshotUri targetRoot) {
        return ship(checkpoint, targetRoot, Optional.empty());
    }

    /**
     * @param completedAt when the checkpoint completed, if known more precisely than its {@code _metadata}'s
     *     Last-Modified (whole seconds): Flink's acknowledgement time, which the copy is then dated by
     */
    public ShipReport ship(SnapshotUri checkpoint, SnapshotUri targetRoot, Optional<java.time.Instant> completedAt) {
        long started = System.nanoTime();
        LoadedSnapshot s = source.load(checkpoint);
        java.time.Instant dated = completedAt.orElse(s.metadataFile().lastModified());
        SnapshotUri jobDir = s.dir().parent();
        SnapshotUri to = destination(s.dir(), targetRoot);
        SnapshotUri toJob = to.parent();
        Map<String, ReferencedFile> files = new LinkedHashMap<>();
        for (ReferencedFile f : StateHandles.files(s.dir(), s.metadata(), new OperatorNames(List.of())::name)) {
            files.putIfAbsent(s.dir().sibling(f.uri()).key(), f);
        }
        Map<String, String> copies = new LinkedHashMap<>();
        String root = jobDir.key() + "/";
        for (ReferencedFile f : files.values()) {
            SnapshotUri from = s.dir().sibling(f.uri());
            if (!from.key().startsWith(root)) {
                throw new StateToolsException(Reason.PROBLEM, s.dir() + " references " + from
                        + ", outside its job directory " + jobDir + ": not shippable");
            }
            copies.put(f.uri(), toJob.child(from.key().substring(root.length())).withoutQuery());
        }
        CheckpointMetadata relocated;
        try {
            relocated = Relocation.relocate(s.metadata(), uri -> copies.get(uri), to.withoutQuery());
        } catch (IllegalArgumentException e) {
            throw new StateToolsException(Reason.PROBLEM, s.dir() + " " + e.getMessage());
        }

        AtomicInteger copied = new AtomicInteger();
        AtomicInteger there = new AtomicInteger();
        AtomicLong bytesCopied = new AtomicLong();
        AtomicLong bytesThere = new AtomicLong();
        AtomicBoolean serverSide = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(COPIERS, r -> {
            Thread t = new Thread(r, "ship-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ReferencedFile f : files.values()) {
                SnapshotUri from = s.dir().sibling(f.uri());
                SnapshotUri copy = to.sibling(copies.get(f.uri()));
                done.add(pool.submit(() -> {
                    if (target.stat(copy).map(c -> c.size() == f.expectedSize()).orElse(false)) {
                        there.incrementAndGet();
                        bytesThere.addAndGet(f.expectedSize());
                        return;
                    }
                    if (!target.copyWithin(from, copy)) {
                        serverSide.set(false);
                        try (InputStream in = source.store().open(from)) {
                            target.write(copy, in, f.expectedSize(), Optional.empty());
                        } catch (IOException e) {
                            throw new StateToolsException(Reason.ACCESS, "cannot copy " + from + ": " + e.getMessage(), e);
                        }
                    }
                    copied.incrementAndGet();
                    bytesCopied.addAndGet(f.expectedSize());
                }));
            }
            for (Future<?> f : done) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateToolsException(Reason.ACCESS, "interrupted while shipping " + s.dir());
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof StateToolsException ste) {
                // A file gone from the source: Flink subsumed the checkpoint while it shipped. Nothing half-done is
                // visible: without _metadata the copy is no restore point, and a later shipment reuses what landed.
                throw new StateToolsException(ste.reason(), "shipping " + s.dir() + " failed: " + ste.getMessage(), ste);
            }
            throw new StateToolsException(Reason.ACCESS, "shipping " + s.dir() + " failed: " + e.getCause(), e.getCause());
        } finally {
            // No copy may outlive the shipment: a failed one's copies would race the next shipment's.
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        byte[] metadata = serialize(relocated);
        target.write(to.child(SnapshotReader.METADATA), new ByteArrayInputStream(metadata), metadata.length,
                Optional.of(dated));
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("Shipped checkpoint {} to {}: {} files copied ({} bytes), {} already there, {} ms", s.dir(), to,
                copied.get(), bytesCopied.get(), there.get(), millis);
        return new ShipReport(s.dir().toString(), to.toString(), s.metadata().getCheckpointId(),
                dated.toString(), files.size(), copied.get(), bytesCopied.get(), there.get(),
                bytesThere.get(), copied.get() > 0 && serverSide.get(), millis);
    }

    private static byte[] serialize(CheckpointMetadata md) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Checkpoints.storeCheckpointMetadata(md, out);
        } catch (IOException e) {
            throw new StateToolsException(Reason.PROBLEM, "cannot write relocated metadata: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String name(SnapshotUri dir) {
        String p = dir.path().replaceAll("/+$", "");
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
