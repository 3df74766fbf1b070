package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.RawRecord;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks per input partition, generated in the source (Flink creates one generator per split),
 * with bounded out-of-orderness on the event time and an idle timeout per partition.
 *
 * <p>Flink's own {@code withIdleness} calls a partition idle after a quiet spell of processing time.
 * While the reader works through one partition's backlog, the others are quiet only because they
 * have not been fetched yet; calling them idle lets the busy partition's watermark run ahead and
 * turns their events late. So a quiet partition is idle only when the quiet spell is also visible
 * in enqueue time (Event Hubs stamps each record with it, LogAppendTime): the reader has already
 * emitted a record enqueued at least the idle timeout after this partition's last one (for a
 * partition not heard from yet, after its generator was created or the reader's first record,
 * whichever is later), or the whole reader has been
 * quiet. A partition not heard from yet gives up sooner when everything is quiet, so that a
 * backlog's last windows still close when nothing new arrives.
 */
public final class PartitionWatermarks implements WatermarkStrategy<RawRecord> {

    private static final long serialVersionUID = 1L;

    /** Wall clock in milliseconds; tests pass their own. */
    public interface Clock extends Serializable {
        long millis();
    }

    private final long outOfOrderness;
    private final long idleTimeout;
    private final Clock clock;
    /** One per subtask: Flink deserializes the strategy per subtask and asks it for every split's generator. */
    private transient ReaderProgress reader;

    public PartitionWatermarks(Duration outOfOrderness, Duration idleTimeout, Clock clock) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.idleTimeout = idleTimeout.toMillis();
        this.clock = clock;
    }

    public static PartitionWatermarks of(Duration outOfOrderness, Duration idleTimeout) {
        return new PartitionWatermarks(outOfOrderness, idleTimeout, System::currentTimeMillis);
    }

    @Override
    public WatermarkGenerator<RawRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return newGenerator();
    }

    /** A generator for one more partition of this reader. */
    public Generator newGenerator() {
        if (reader == null) reader = new ReaderProgress();
        return new Generator(reader, clock.millis());
    }

    @Override
    public TimestampAssigner<RawRecord> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (r, t) -> r.eventTime();
    }

    /**
     * What every partition of one reader has emitted: the first and the newest enqueue time, and when it last emitted
     * anything.
     */
    static final class ReaderProgress {
        long firstEnqueued = Long.MIN_VALUE;
        long maxEnqueued = Long.MIN_VALUE;
        long lastEmitAt = Long.MIN_VALUE;
    }

    /** One partition's generator. */
    public final class Generator implements WatermarkGenerator<RawRecord> {
        private final ReaderProgress progress;
        private long maxEventTime = Long.MIN_VALUE;
        private boolean heardFrom;
        /** Enqueue time of this partition's last record; its creation time until it has one. */
        private long lastEnqueued;
        private long lastRecordAt;
        private boolean idle;

        Generator(ReaderProgress progress, long createdAt) {
            this.progress = progress;
            this.lastEnqueued = createdAt;
            this.lastRecordAt = createdAt;
        }

        @Override
        public void onEvent(RawRecord r, long eventTimestamp, WatermarkOutput output) {
            long now = clock.millis();
            heardFrom = true;
            idle = false;
            lastEnqueued = r.recordTimestamp;
            lastRecordAt = now;
            if (progress.firstEnqueued == Long.MIN_VALUE) progress.firstEnqueued = r.recordTimestamp;
            progress.maxEnqueued = Math.max(progress.maxEnqueued, r.recordTimestamp);
            progress.lastEmitAt = now;
            if (r.event != null) maxEventTime = Math.max(maxEventTime, r.event.timestamp);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // Decided afresh every time: a partition that looked idle before the reader's first fetch
            // must hold the watermark back again as soon as the reader is busy elsewhere.
            idle = isIdleNow();
            if (idle) {
                output.markIdle();
            } else if (maxEventTime != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(maxEventTime - outOfOrderness - 1));
            } else {
                output.markActive();
            }
        }

        private boolean isIdleNow() {
            long now = clock.millis();
            long enoughQuiet = heardFrom ? idleTimeout : idleTimeout / 2;
            if (now - lastRecordAt < enoughQuiet) return false;
            boolean othersMovedOn = progress.maxEnqueued != Long.MIN_VALUE && progress.maxEnqueued - quietSince() >= idleTimeout;
            long readerQuietFor = progress.lastEmitAt == Long.MIN_VALUE ? now - lastRecordAt : now - progress.lastEmitAt;
            return othersMovedOn || readerQuietFor >= enoughQuiet;
        }

        /**
         * The enqueue time from which this partition's silence counts: its last record's; for a partition not heard from,
         * its creation or the reader's first record, whichever is later. A backlog that arrived on every partition after
         * the job started is as young on the partitions not fetched yet as on the first one fetched.
         */
        private long quietSince() {
            return heardFrom ? lastEnqueued : Math.max(lastEnqueued, progress.firstEnqueued);
        }

        /** For tests: whether this partition counts as idle now. */
        public boolean idle() {
            return idle;
        }
    }
}
