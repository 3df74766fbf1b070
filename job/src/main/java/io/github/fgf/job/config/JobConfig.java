package io.github.fgf.job.config;

import io.github.fgf.job.eventhubs.EventHubsConnectionString;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's configuration, read once from a config file ({@code key: value} lines) and
 * {@code --key value} overrides. Immutable; {@link #toString()} never shows the connection string.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;
    private final Map<String, Object> values;

    private JobConfig(Map<String, Object> values) {
        this.values = values;
    }

    /** {@code [--config <file>] [--<key> <value> ...]}: file first, flags override. */
    public static JobConfig fromArgs(String[] args) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new JobConfigException(a, "expected --<key> <value>");
            String key = a.substring(2);
            if (i + 1 >= args.length) throw new JobConfigException(key, "missing value");
            String value = args[++i];
            if (key.equals("config")) {
                raw.putAll(readFile(Path.of(value)));
            } else {
                raw.put(key, value);
            }
        }
        return fromMap(raw);
    }

    /** Reads {@code key: value} or {@code key=value} lines; '#' starts a comment. */
    static Map<String, String> readFile(Path file) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int sep = indexOfSeparator(l);
                if (sep < 0) throw new JobConfigException(l.split("\\s")[0], "expected '<key>: <value>' in " + file);
                String v = l.substring(sep + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                out.put(l.substring(0, sep).strip(), v);
            }
            return out;
        } catch (IOException e) {
            throw new JobConfigException("config", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int indexOfSeparator(String l) {
        int colon = l.indexOf(':');
        int eq = l.indexOf('=');
        if (colon < 0) return eq;
        if (eq < 0) return colon;
        return Math.min(colon, eq);
    }

    public static JobConfig fromMap(Map<String, String> raw) {
        return fromMap(raw, System::getenv);
    }

    /** With the environment passed in, so tests need not change the process's. */
    static JobConfig fromMap(Map<String, String> given, java.util.function.Function<String, String> env) {
        Map<String, JobOption<?>> known = new HashMap<>();
        JobOptions.ALL.forEach(o -> known.put(o.key(), o));
        for (String key : given.keySet()) {
            if (!known.containsKey(key)) throw new JobConfigException(key, "unknown option; see the README's option table");
        }
        Map<String, String> raw = SecretSources.resolve(given, env);
        Map<String, Object> values = new LinkedHashMap<>();
        for (JobOption<?> o : JobOptions.ALL) {
            String text = raw.get(o.key());
            if (text == null) {
                if (o.required()) throw new JobConfigException(o.key(), "missing; expected " + o.expectedForm());
                values.put(o.key(), o.defaultValue());
            } else {
                values.put(o.key(), o.parse(text));
            }
        }
        JobConfig config = new JobConfig(values);
        config.eventHubs(); // validates the connection string now, not at the first connection
        return config;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(JobOption<T> option) {
        return (T) values.get(option.key());
    }

    public EventHubsConnectionString eventHubs() {
        return EventHubsConnectionString.parse(get(JobOptions.CONNECTION_STRING), get(JobOptions.LOCAL_BOOTSTRAP));
    }

    /** The namespace in the source uid: configured, else the connection string host's first label. */
    public String sourceNamespace() {
        String ns = get(JobOptions.SOURCE_NAMESPACE);
        return ns.isEmpty() ? eventHubs().namespace() : ns;
    }

    /** The stranded-events hold of a forced failover's job, or none. */
    public StrandedHold strandedHold() {
        String before = get(JobOptions.STRANDED_BEFORE);
        return before.isEmpty() ? StrandedHold.NONE : new StrandedHold(java.time.Instant.parse(before).toEpochMilli(),
                get(JobOptions.MAX_OUT_OF_ORDERNESS).toMillis(), get(JobOptions.STRANDED_HORIZON).toMillis());
    }

    public Duration windowSize() {
        return get(JobOptions.WINDOW_SIZE);
    }

    /** A copy with some options replaced (tests and the public API use it). */
    public JobConfig with(Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (JobOption<?> o : JobOptions.ALL) {
            // the connection string is already resolved; its file or variable would count as a second source
            if (o == JobOptions.CONNECTION_STRING_FILE || o == JobOptions.CONNECTION_STRING_ENV) continue;
            Object v = values.get(o.key());
            if (v != null) raw.put(o.key(), render(o, v));
        }
        raw.putAll(overrides);
        return fromMap(raw);
    }

    private static String render(JobOption<?> o, Object v) {
        if (v instanceof Duration d) return d.toString();
        if (v instanceof Enum<?> e) return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return v.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("JobConfig{");
        values.forEach((k, v) -> b.append(k).append('=').append(JobOptions.CONNECTION_STRING.key().equals(k) ? "***" : v).append(", "));
        return b.append('}').toString();
    }
}
