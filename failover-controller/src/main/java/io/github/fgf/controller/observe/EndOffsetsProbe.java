package io.github.fgf.controller.observe;

import java.util.Map;

/**
 * The last enqueued position of each partition of a hub: Event Hubs' last enqueued sequence
 * number in Azure, the Kafka end offset locally. Keys are {@code topic|partition}.
 */
public interface EndOffsetsProbe {
    Map<String, Long> endOffsets(String hub) throws Exception;
}
