package io.github.fgf.job.config;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the source starts reading partitions it has no restored offset for: {@code earliest},
 * {@code latest}, {@code timestamp:<ISO-8601>}, {@code savepoint} (restored offsets; new
 * partitions from the group's committed offsets, else earliest), or {@code offsets:<partition>=<offset>,...}
 * (each listed partition at that offset, any other as with {@code savepoint}). The last is how a failover in Geo-Replication
 * mode repositions a source whose savepoint offsets the new primary reused; it comes with a new source namespace
 * label, so that no restored offset overrides it.
 */
public record StartPosition(Kind kind, Instant timestamp, Map<Integer, Long> offsets) {

    /** The five forms. */
    public enum Kind { EARLIEST, LATEST, TIMESTAMP, SAVEPOINT, OFFSETS }

    public StartPosition(Kind kind, Instant timestamp) {
        this(kind, timestamp, Map.of());
    }

    public static StartPosition parse(String s) {
        if (s.startsWith("timestamp:")) {
            return new StartPosition(Kind.TIMESTAMP, Instant.parse(s.substring("timestamp:".length())));
        }
        if (s.startsWith("offsets:")) {
            Map<Integer, Long> offsets = new TreeMap<>();
            for (String kv : s.substring("offsets:".length()).split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) throw new IllegalArgumentException(s);
                int partition = Integer.parseInt(p[0].trim());
                long offset = Long.parseLong(p[1].trim());
                if (partition < 0 || offset < 0 || offsets.put(partition, offset) != null) throw new IllegalArgumentException(s);
            }
            return new StartPosition(Kind.OFFSETS, null, Map.copyOf(offsets));
        }
        return switch (s) {
            case "earliest" -> new StartPosition(Kind.EARLIEST, null);
            case "latest" -> new StartPosition(Kind.LATEST, null);
            case "savepoint" -> new StartPosition(Kind.SAVEPOINT, null);
            default -> throw new IllegalArgumentException(s);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TIMESTAMP -> "timestamp:" + timestamp;
            case OFFSETS -> "offsets:" + new TreeMap<>(offsets).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
