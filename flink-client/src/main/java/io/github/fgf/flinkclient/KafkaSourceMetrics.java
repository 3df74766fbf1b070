package io.github.fgf.flinkclient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka connector's per-partition metric names, as Flink's REST API lists a vertex's metrics:
 * {@code <operator>.KafkaSourceReader.topic.<topic>.partition.<p>.currentOffset}. The operator prefix
 * is whatever the job named its source, so only the suffix is matched.
 */
final class KafkaSourceMetrics {

    private static final Pattern CURRENT_OFFSET = Pattern.compile("(?:^|\\.)KafkaSourceReader\\.topic\\.(.+)\\.partition\\.(\\d+)\\.currentOffset$");

    private KafkaSourceMetrics() {}

    /** The partition a metric id reports the current offset of, if it is one. */
    static Optional<KafkaPartition> currentOffsetOf(String metricId) {
        Matcher m = CURRENT_OFFSET.matcher(metricId);
        return m.find() ? Optional.of(new KafkaPartition(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** The query that reads these metrics, each the largest over the vertex's subtasks (one subtask reads a partition). */
    static String query(List<String> metricIds) {
        return "?agg=max&get=" + String.join(",", metricIds.stream().map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8)).toList());
    }
}
