package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The persisted state of one failover: which steps are done and when, and what each decided.
 * A restarted controller reads it and continues with the first step not done.
 *
 * <p>Typed in memory, unchanged on disk: modes, statuses and step names are the lower-case words records have always
 * carried, and instants their ISO-8601 text, whichever ObjectMapper reads the file (operators and older controllers read it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "epoch", "mode", "from", "to", "status", "reason", "declaredAt", "steps", "restorePoint",
        "restorePointCompletedAt", "rejected", "jobName", "jobId", "lastKnownEndOffsets", "restoreOffsets", "plannedSavepoint",
        "lastKnownAt", "inputRatePerSecond", "sourceStart"})
public record FailoverRecord(String id, long epoch, Mode mode, String from, String to, Status status, String reason,
                             @JsonSerialize(using = ToStringSerializer.class) Instant declaredAt,
                             @JsonSerialize(keyUsing = Step.KeyWriter.class, contentUsing = ToStringSerializer.class)
                             Map<Step, Instant> steps,
                             @JsonIgnore Restore restore,
                             String jobName, String jobId, Map<PartitionKey, Long> lastKnownEndOffsets, String plannedSavepoint,
                             @JsonSerialize(using = ToStringSerializer.class) Instant lastKnownAt,
                             Double inputRatePerSecond,
                             // Only in Geo-Replication mode: records of the other mode stay as they always were on disk.
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             io.github.fgf.controller.decide.SourceStart sourceStart) {

    /**
     * What choose decided: the restore point (its geo-secondary path; or the refused candidate), when it was written, the
     * candidates rejected with their reasons, and the source offsets it holds per partition. On disk its parts are the
     * record's flat fields {@code restorePoint}, {@code restorePointCompletedAt}, {@code rejected} and {@code restoreOffsets}.
     */
    public record Restore(String path, Instant completedAt, List<Map<String, String>> rejected, Map<PartitionKey, Long> offsets) {
        public Restore {
            rejected = rejected == null ? List.of() : rejected;
            offsets = offsets == null ? Map.of() : offsets;
        }

        static final Restore NONE = new Restore(null, null, List.of(), Map.of());
    }

    /** The flat form, as on disk (and with the time and rate of the last known end offsets). */
    public FailoverRecord(String id, long epoch, Mode mode, String from, String to, Status status, String reason,
                          Instant declaredAt, Map<Step, Instant> steps, String restorePoint, Instant restorePointCompletedAt,
                          List<Map<String, String>> rejected, String jobName, String jobId,
                          Map<PartitionKey, Long> lastKnownEndOffsets, Map<PartitionKey, Long> restoreOffsets, String plannedSavepoint,
                          Instant lastKnownAt, Double inputRatePerSecond) {
        this(id, epoch, mode, from, to, status, reason, declaredAt, steps,
                new Restore(restorePoint, restorePointCompletedAt, rejected, restoreOffsets), jobName, jobId, lastKnownEndOffsets,
                plannedSavepoint, lastKnownAt, inputRatePerSecond, null);
    }

    /** Without the time and rate of the last known end offsets (records of older versions read this way too). */
    public FailoverRecord(String id, long epoch, Mode mode, String from, String to, Status status, String reason,
                          Instant declaredAt, Map<Step, Instant> steps, String restorePoint, Instant restorePointCompletedAt,
                          List<Map<String, String>> rejected, String jobName, String jobId,
                          Map<PartitionKey, Long> lastKnownEndOffsets, Map<PartitionKey, Long> restoreOffsets, String plannedSavepoint) {
        this(id, epoch, mode, from, to, status, reason, declaredAt, steps, restorePoint, restorePointCompletedAt, rejected, jobName,
                jobId, lastKnownEndOffsets, restoreOffsets, plannedSavepoint, null, null);
    }

    public FailoverRecord {
        restore = restore == null ? Restore.NONE : restore;
    }

    /** Reads the flat form: whichever ObjectMapper reads it, without the JSR-310 module. */
    @JsonCreator
    static FailoverRecord fromJson(@JsonProperty("id") String id, @JsonProperty("epoch") long epoch, @JsonProperty("mode") Mode mode,
            @JsonProperty("from") String from, @JsonProperty("to") String to, @JsonProperty("status") Status status,
            @JsonProperty("reason") String reason,
            @JsonProperty("declaredAt") @JsonDeserialize(using = IsoInstant.class) Instant declaredAt,
            @JsonProperty("steps") @JsonDeserialize(keyUsing = Step.KeyReader.class, contentUsing = IsoInstant.class)
            Map<Step, Instant> steps,
            @JsonProperty("restorePoint") String restorePoint,
            @JsonProperty("restorePointCompletedAt") @JsonDeserialize(using = IsoInstant.class) Instant restorePointCompletedAt,
            @JsonProperty("rejected") List<Map<String, String>> rejected, @JsonProperty("jobName") String jobName,
            @JsonProperty("jobId") String jobId, @JsonProperty("lastKnownEndOffsets") Map<PartitionKey, Long> lastKnownEndOffsets,
            @JsonProperty("restoreOffsets") Map<PartitionKey, Long> restoreOffsets,
            @JsonProperty("plannedSavepoint") String plannedSavepoint,
            @JsonProperty("lastKnownAt") @JsonDeserialize(using = IsoInstant.class) Instant lastKnownAt,
            @JsonProperty("inputRatePerSecond") Double inputRatePerSecond,
            @JsonProperty("sourceStart") io.github.fgf.controller.decide.SourceStart sourceStart) {
        return new FailoverRecord(id, epoch, mode, from, to, status, reason, declaredAt, steps == null ? Map.of() : steps,
                new Restore(restorePoint, restorePointCompletedAt, rejected, restoreOffsets), jobName, jobId, lastKnownEndOffsets,
                plannedSavepoint, lastKnownAt, inputRatePerSecond, sourceStart);
    }

    /** The restore point's path (the flat field of the record on disk). */
    @JsonProperty("restorePoint")
    public String restorePoint() {
        return restore.path();
    }

    @JsonProperty("restorePointCompletedAt")
    @JsonSerialize(using = ToStringSerializer.class)
    public Instant restorePointCompletedAt() {
        return restore.completedAt();
    }

    @JsonProperty("rejected")
    public List<Map<String, String>> rejected() {
        return restore.rejected();
    }

    @JsonProperty("restoreOffsets")
    public Map<PartitionKey, Long> restoreOffsets() {
        return restore.offsets();
    }

    /** How the failover was started. */
    public enum Mode {
        FORCED, PLANNED;

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode of(String text) {
            for (Mode m : values()) if (m.text().equals(text)) return m;
            throw new IllegalArgumentException("unknown failover mode '" + text + "'; expected forced or planned");
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** Where the failover stands; {@code failed-back} is a done failover whose failback has completed. */
    public enum Status {
        IN_PROGRESS("in-progress"), DONE("done"), FAILED_BACK("failed-back"), REFUSED("refused");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        @JsonValue
        public String text() {
            return text;
        }

        @JsonCreator
        public static Status of(String text) {
            for (Status s : values()) if (s.text.equals(text)) return s;
            throw new IllegalArgumentException("unknown failover status '" + text + "'; expected in-progress, done, failed-back "
                    + "or refused");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public boolean done(Step step) {
        return steps.containsKey(step);
    }

    public boolean planned() {
        return mode == Mode.PLANNED;
    }

    /** When a step was recorded, if it was. */
    public Optional<Instant> stepAt(Step step) {
        return Optional.ofNullable(steps.get(step));
    }

    private FailoverRecord copy(Map<Step, Instant> s, Status st, String why, Restore rp, String job, Map<PartitionKey, Long> lastKnown,
                                String planned) {
        return new FailoverRecord(id, epoch, mode, from, to, st, why, declaredAt, s, rp, jobName, job, lastKnown, planned,
                lastKnownAt, inputRatePerSecond, sourceStart);
    }

    /** Geo-Replication: where the source starts in the new primary (the restore point's offsets, or repositioned). */
    public FailoverRecord withSourceStart(io.github.fgf.controller.decide.SourceStart start) {
        return new FailoverRecord(id, epoch, mode, from, to, status, reason, declaredAt, steps, restore, jobName, jobId,
                lastKnownEndOffsets, plannedSavepoint, lastKnownAt, inputRatePerSecond, start);
    }

    public FailoverRecord withStep(Step step, Instant at) {
        Map<Step, Instant> s = new LinkedHashMap<>(steps);
        s.put(step, at);
        return copy(s, status, reason, restore, jobId, lastKnownEndOffsets, plannedSavepoint);
    }

    public FailoverRecord withStatus(Status st, String why) {
        return copy(steps, st, why, restore, jobId, lastKnownEndOffsets, plannedSavepoint);
    }

    public FailoverRecord withRestorePoint(String path, Instant completedAt, List<Map<String, String>> rej, Map<PartitionKey, Long> offsets) {
        return withRestore(new Restore(path, completedAt, rej, offsets));
    }

    public FailoverRecord withRestore(Restore chosen) {
        return copy(steps, status, reason, chosen, jobId, lastKnownEndOffsets, plannedSavepoint);
    }

    public FailoverRecord withJob(String job) {
        return copy(steps, status, reason, restore, job, lastKnownEndOffsets, plannedSavepoint);
    }

    public FailoverRecord withLastKnownEndOffsets(Map<PartitionKey, Long> offsets) {
        return copy(steps, status, reason, restore, jobId, offsets, plannedSavepoint);
    }

    /** The last probe of the primary before the loss: its end offsets, when they were seen, and the input rate then. */
    public FailoverRecord withLastProbe(LastProbe.Observation o) {
        return new FailoverRecord(id, epoch, mode, from, to, status, reason, declaredAt, steps, restore, jobName, jobId,
                o.endOffsets(), plannedSavepoint, o.observedAt(), o.ratePerSecond(), sourceStart);
    }

    public FailoverRecord withPlannedSavepoint(String path) {
        return copy(steps, status, reason, restore, jobId, lastKnownEndOffsets, path);
    }

    /** The named, idempotent steps (design.md steps 2-7; planned adds disable_sends, drain, stop and replicate). */
    public enum Step {
        FENCE, PROMOTE, DISABLE_SENDS, DRAIN, STOP, REPLICATE, CHOOSE, POSITION, SUBMIT, VERIFY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Step ofKey(String key) {
            for (Step s : values()) if (s.key().equals(key)) return s;
            throw new IllegalArgumentException("unknown failover step '" + key + "'");
        }

        /** A step as a key of the record's {@code steps}: its lower-case name. */
        public static final class KeyWriter extends JsonSerializer<Step> {
            @Override
            public void serialize(Step step, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeFieldName(step.key());
            }
        }

        public static final class KeyReader extends KeyDeserializer {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return ofKey(key);
            }
        }
    }
}
