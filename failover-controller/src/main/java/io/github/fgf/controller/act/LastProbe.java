package io.github.fgf.controller.act;

import io.github.fgf.controller.observe.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The primary's end offsets as last seen by a probe, with when they were seen and the input rate
 * since the observation before, kept locally: after the region is gone, this is what "A's last
 * known end offsets" in the events-at-risk count means, and the rate bounds what came after.
 */
public final class LastProbe {

    static final String FILE = "last-probe-end-offsets.json";

    /** One observation: when, the end offsets per {@code hub|partition}, events per second since the one before (or null). */
    public record Observation(Instant observedAt, Map<PartitionKey, Long> endOffsets, Double ratePerSecond) {}

    private LastProbe() {}

    public static void write(Path dir, Map<PartitionKey, Long> endOffsets, Instant now) {
        Double rate = read(dir).filter(prev -> prev.observedAt() != null && now.isAfter(prev.observedAt())).map(prev -> {
            long added = total(endOffsets) - total(prev.endOffsets());
            return Math.max(0, added) / (Duration.between(prev.observedAt(), now).toMillis() / 1000.0);
        }).orElse(null);
        Map<String, Object> json = new TreeMap<>();
        json.put("observedAt", now.toString());
        json.put("endOffsets", endOffsets);
        if (rate != null) json.put("ratePerSecond", rate);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(FILE), ControllerStore.JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last observation; a file written by an older version (offsets only) reads with no time and no rate. */
    public static Optional<Observation> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) return Optional.empty();
        try {
            JsonNode n = ControllerStore.JSON.readTree(f.toFile());
            JsonNode offsets = n.has("endOffsets") ? n.get("endOffsets") : n;
            Map<PartitionKey, Long> ends = new TreeMap<>();
            offsets.fields().forEachRemaining(e -> ends.put(PartitionKey.parse(e.getKey()), e.getValue().asLong()));
            Instant at = n.hasNonNull("observedAt") ? Instant.parse(n.get("observedAt").asText()) : null;
            Double rate = n.hasNonNull("ratePerSecond") ? n.get("ratePerSecond").asDouble() : null;
            return Optional.of(new Observation(at, ends, rate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long total(Map<PartitionKey, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
