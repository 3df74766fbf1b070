package io.github.fgf.controller.observe;

import java.util.Map;

/**
 * A hub's end offsets and what a consumer group has committed on it, keys {@code topic|partition}:
 * what a planned failover's drain compares. Kafka's admin API in production; fakes in tests.
 */
public interface ConsumerProgress {

    Map<String, Long> endOffsets(String hub) throws Exception;

    Map<String, Long> committedOffsets(String group, String hub) throws Exception;
}
