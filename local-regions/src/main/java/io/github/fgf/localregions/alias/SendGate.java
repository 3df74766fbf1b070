package io.github.fgf.localregions.alias;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Which hubs of which region refuse sends: Event Hubs' entity status SendDisabled, as the alias enforces it locally. */
public final class SendGate {

    private final Map<String, Set<String>> disabled = new ConcurrentHashMap<>();
    /** Regions that refuse every send: a Geo-Replication secondary, and the primary while a planned promotion catches up. */
    private final Set<String> readOnly = ConcurrentHashMap.newKeySet();

    public void readOnly(String region, boolean on) {
        if (on) readOnly.add(region);
        else readOnly.remove(region);
    }

    public void set(String region, String hub, boolean enabled) {
        Set<String> hubs = disabled.computeIfAbsent(region, r -> ConcurrentHashMap.newKeySet());
        if (enabled) hubs.remove(hub);
        else hubs.add(hub);
    }

    /** The first of {@code topics} that {@code region} refuses sends to, or null. */
    public String refused(String region, List<String> topics) {
        if (readOnly.contains(region) && !topics.isEmpty()) return topics.get(0);
        Set<String> hubs = disabled.get(region);
        if (hubs == null || hubs.isEmpty()) return null;
        return topics.stream().filter(hubs::contains).findFirst().orElse(null);
    }

    public Map<String, List<String>> disabled() {
        Map<String, List<String>> out = new TreeMap<>();
        disabled.forEach((r, hubs) -> {
            if (!hubs.isEmpty()) out.put(r, hubs.stream().sorted().toList());
        });
        return out;
    }
}
