package io.github.fgf.controller.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fgf.testing.Hubs;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the output came, window by window: what a consumer of the output sees of a failover. A window's delay is its
 * first output record (from either region, partial or not) minus its end. The first output from the secondary is a
 * window's end plus that delay, so with windows of a minute it can come up to a minute after the secondary's job runs,
 * however fast the failover: these times say which of the two held it back.
 */
public final class OutputTimes {

    /** One window's first output record: when it came and the end of its window. */
    public record Emission(String device, Instant windowEnd, Instant at) {
        public double delaySeconds() {
            return (at.toEpochMilli() - windowEnd.toEpochMilli()) / 1000.0;
        }
    }

    private OutputTimes() {}

    /** The earliest output record at or after {@code from} among the drill's devices, with its window's end. */
    static Optional<Emission> first(List<Hubs.Read> reads, Instant from, String devicePrefix) {
        Emission first = null;
        for (Hubs.Read r : reads) {
            Emission e = emission(r, devicePrefix);
            if (e == null || e.at().isBefore(from)) continue;
            if (first == null || e.at().isBefore(first.at())) first = e;
        }
        return Optional.ofNullable(first);
    }

    /**
     * The window, ending in [{@code from}, {@code to}), whose first output (in either region) came latest after its end:
     * the longest a consumer waited for a window across the failover. Windows that ended before {@code from} (a backlog's)
     * or at {@code to} or later (closed by the drill's final clock event) are left out.
     */
    static Optional<Emission> mostDelayed(List<Hubs.Read> a, List<Hubs.Read> b, String devicePrefix, Instant from, Instant to) {
        Map<String, Emission> firstPerWindow = new HashMap<>();
        for (List<Hubs.Read> reads : List.of(a, b)) {
            for (Hubs.Read r : reads) {
                Emission e = emission(r, devicePrefix);
                if (e == null || e.windowEnd().isBefore(from) || !e.windowEnd().isBefore(to)) continue;
                firstPerWindow.merge(e.device() + "|" + e.windowEnd(), e, (x, y) -> x.at().isBefore(y.at()) ? x : y);
            }
        }
        return firstPerWindow.values().stream().max((x, y) -> Double.compare(x.delaySeconds(), y.delaySeconds()));
    }

    private static Emission emission(Hubs.Read r, String devicePrefix) {
        if (r.key() == null || !r.key().startsWith(devicePrefix)) return null;
        try {
            JsonNode v = ControllerCalls.JSON.readTree(r.value());
            if (!v.hasNonNull("windowEnd")) return null;
            return new Emission(r.key(), Instant.parse(v.get("windowEnd").asText()), Instant.ofEpochMilli(r.timestamp()));
        } catch (Exception notAWindow) {
            return null;
        }
    }
}
