package io.github.fgf.controller.observe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One partition of one hub: the key of every offset map the controller observes, records and reports. On disk and in
 * JSON output it is the text {@code <hub>|<partition>} that records have always carried (as a map key too, whichever
 * ObjectMapper writes it: Jackson writes a key's {@code toString()} and reads it back through {@link #parse}).
 */
public record PartitionKey(String hub, int partition) implements Comparable<PartitionKey> {

    public PartitionKey {
        if (hub == null || hub.isBlank() || hub.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a hub name must be non-blank without '|': '" + hub + "'");
        }
        if (partition < 0) throw new IllegalArgumentException("partition of hub " + hub + " must be >= 0: " + partition);
    }

    public static PartitionKey of(String hub, int partition) {
        return new PartitionKey(hub, partition);
    }

    /** {@code <hub>|<partition>}, as written by {@link #toString}. */
    @JsonCreator
    public static PartitionKey parse(String text) {
        int bar = text == null ? -1 : text.lastIndexOf('|');
        if (bar <= 0) throw new IllegalArgumentException("expected <hub>|<partition>, got '" + text + "'");
        try {
            return new PartitionKey(text.substring(0, bar), Integer.parseInt(text.substring(bar + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected <hub>|<partition> with a numeric partition, got '" + text + "'");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return hub + "|" + partition;
    }

    @Override
    public int compareTo(PartitionKey o) {
        int c = hub.compareTo(o.hub);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }
}
