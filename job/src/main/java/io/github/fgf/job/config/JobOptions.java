package io.github.fgf.job.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Every option of the job, with its default. The README's option table mirrors this class. */
public final class JobOptions {

    private JobOptions() {}

    private static <T> JobOption<T> option(String key, T def, String form, String description, Function<String, T> parser) {
        return new JobOption<>(key, def, form, description, parser, false);
    }

    private static JobOption<Duration> duration(String key, Duration def, String description) {
        return option(key, def, Durations.FORM, description, Durations::parse);
    }

    private static JobOption<String> string(String key, String def, String description) {
        return option(key, def, "a non-empty string", description, s -> s.isEmpty() ? null : s);
    }

    public static final JobOption<String> CONNECTION_STRING = new JobOption<>("eventhubs.connection-string", null,
            "Endpoint=sb://<host>/;SharedAccessKeyName=<name>;SharedAccessKey=<key> (or SharedAccessSignature=<sas>)",
            "Event Hubs connection string of the Geo-DR alias. Required. Never logged.", s -> s.isEmpty() ? null : s, true);
    public static final JobOption<String> CONNECTION_STRING_FILE = option("eventhubs.connection-string-file", "",
            "a file path, or empty", "Read the connection string from this file (a mounted secret) instead.", s -> s);
    public static final JobOption<String> CONNECTION_STRING_ENV = option("eventhubs.connection-string-env", "",
            "an environment variable name, or empty",
            "Read the connection string from this environment variable of the process that runs main() instead.", s -> s);
    public static final JobOption<String> LOCAL_BOOTSTRAP = option("eventhubs.local-bootstrap", "",
            "host:port, or empty", "Local mode: SASL_PLAINTEXT to this address instead of SASL_SSL to <host>:9093.", s -> s);
    public static final JobOption<String> INPUT_HUB = string("hubs.input", "telemetry", "Input event hub (Kafka topic).");
    public static final JobOption<String> OUTPUT_HUB = string("hubs.output", "telemetry-aggregates", "Output hub for window aggregates.");
    public static final JobOption<String> DEAD_LETTER_HUB = string("hubs.dead-letter", "telemetry-dead-letter", "Hub for malformed events.");
    public static final JobOption<String> LATE_HUB = string("hubs.late", "telemetry-late", "Hub for too-late events (late.policy side-output).");
    public static final JobOption<String> CONSUMER_GROUP = string("eventhubs.consumer-group", "fgf-telemetry", "Consumer group (Kafka group.id).");
    public static final JobOption<String> CHECKPOINTS = string("storage.checkpoints", "file:///tmp/fgf/checkpoints",
            "Checkpoint directory: file://, wasb(s):// or abfs(s):// URI.");
    public static final JobOption<String> SAVEPOINTS = string("storage.savepoints", "file:///tmp/fgf/savepoints",
            "Default savepoint directory.");
    public static final JobOption<Duration> CHECKPOINT_INTERVAL = duration("checkpoint.interval", Duration.ofSeconds(10),
            "Interval of incremental RocksDB checkpoints.");
    public static final JobOption<Duration> WINDOW_SIZE = duration("window.size", Duration.ofMinutes(1), "Tumbling window size.");
    public static final JobOption<Duration> MAX_OUT_OF_ORDERNESS = duration("watermark.max-out-of-orderness",
            Duration.ofSeconds(5), "Bounded out-of-orderness of the watermarks (Stream Analytics' default Adjust policy: 5 s).");
    public static final JobOption<Duration> IDLE_TIMEOUT = duration("watermark.idle-timeout", Duration.ofSeconds(30),
            "A source split without events for this long stops holding back the watermark.");
    public static final JobOption<Duration> ALLOWED_LATENESS = duration("late.allowed-lateness", Duration.ZERO,
            "How long after a window closes a late event still updates it (the window is re-emitted).");
    public static final JobOption<LatePolicy> LATE_POLICY = option("late.policy", LatePolicy.ADJUST,
            "one of drop, adjust, side-output", "What happens to an event later than the allowed lateness.", LatePolicy::parse);
    public static final JobOption<Duration> DEDUP_HORIZON = duration("dedup.horizon", Duration.ofHours(1),
            "How long an eventId is remembered (state TTL). Must exceed the replay overlap of a failover.");
    public static final JobOption<DeliveryGuarantee> DELIVERY = option("sink.delivery-guarantee",
            DeliveryGuarantee.AT_LEAST_ONCE, "at-least-once or exactly-once",
            "Output delivery. Event Hubs Standard has no Kafka transactions: keep at-least-once there.",
            s -> DeliveryGuarantee.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));
    public static final JobOption<String> SOURCE_NAMESPACE = option("source.namespace", "",
            "letters, digits and '-'", "Event Hubs namespace the source reads; part of the source uid. Default: the first "
                    + "label of the connection string's host.", s -> s.isEmpty() || s.matches("[A-Za-z0-9][A-Za-z0-9-]*") ? s : null);
    public static final JobOption<StartPosition> START_POSITION = option("source.start-position",
            StartPosition.parse("savepoint"), "earliest, latest, timestamp:<ISO-8601>, savepoint or offsets:<partition>=<offset>,...",
            "Where partitions without restored offsets start.", StartPosition::parse);
    public static final JobOption<String> REGION = string("region.name", "primary", "Region name written into every output record.");
    public static final JobOption<Long> EPOCH = option("failover.epoch", 0L, "a whole number >= 0",
            "Failover epoch written into every output record.", s -> Long.parseLong(s) >= 0 ? Long.parseLong(s) : null);
    public static final JobOption<String> JOB_NAME = string("job.name", "fgf-telemetry", "Flink job name.");
    public static final JobOption<Duration> FENCE_INTERVAL = duration("fence.check-interval", Duration.ofSeconds(30),
            "How often the job checks that the alias still leads to its source namespace's Kafka cluster (also at start); 0 disables.");
    public static final JobOption<Duration> FENCE_GRACE = duration("fence.grace", Duration.ofMinutes(10),
            "How long a running job may see the alias lead elsewhere before it stops (a planned failover drains it meanwhile).");
    public static final JobOption<String> FENCE_CLUSTER_ID = option("fence.cluster-id", "",
            "a Kafka cluster id (no whitespace), or empty",
            "The Kafka cluster id of the namespace the source reads (the controller passes the secondary's). With it, the job "
                    + "records its namespace only once the alias leads there: a job that reaches another cluster first (its "
                    + "client resolved the alias before the alias moved) fails and restarts instead of recording the wrong "
                    + "one and fencing itself later. Empty: the first cluster reached is recorded.",
            s -> s.matches("\\S*") ? s : null);
    public static final JobOption<String> STRANDED_BEFORE = option("failover.stranded-before", "",
            "an ISO-8601 instant such as 2026-11-21T10:15:00Z, or empty",
            "Set by the controller on a forced failover: events stranded in the lost region were enqueued before this "
                    + "instant. Windows that may lack them are marked partial and held until the failback drain is done.",
            s -> s.isEmpty() ? s : java.time.Instant.parse(s).toString());
    public static final JobOption<Duration> STRANDED_HORIZON = duration("failover.stranded-horizon", Duration.ofDays(1),
            "How far before failover.stranded-before windows are held for stranded events; older stranded events go to the late hub.");

    /** Delivery guarantee of the sinks. */
    public enum DeliveryGuarantee { AT_LEAST_ONCE, EXACTLY_ONCE }

    public static final List<JobOption<?>> ALL = List.of(CONNECTION_STRING, CONNECTION_STRING_FILE, CONNECTION_STRING_ENV,
            LOCAL_BOOTSTRAP, INPUT_HUB, OUTPUT_HUB,
            DEAD_LETTER_HUB, LATE_HUB, CONSUMER_GROUP, CHECKPOINTS, SAVEPOINTS, CHECKPOINT_INTERVAL, WINDOW_SIZE,
            MAX_OUT_OF_ORDERNESS, IDLE_TIMEOUT, ALLOWED_LATENESS, LATE_POLICY, DEDUP_HORIZON, DELIVERY, SOURCE_NAMESPACE,
            START_POSITION, REGION, EPOCH, JOB_NAME, STRANDED_BEFORE, STRANDED_HORIZON, FENCE_INTERVAL, FENCE_GRACE,
            FENCE_CLUSTER_ID);
}
