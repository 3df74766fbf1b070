package io.github.fgf.job.state;

import java.util.List;

/**
 * Every stateful operator's uid and state name, declared once. Savepoints map state to operators
 * by these uids, so changing one orphans that state; state-tools and the controller import this
 * class instead of repeating the strings.
 */
public final class StateLayout {

    private StateLayout() {}

    /** Prefix of the Kafka source uid; the namespace follows, so offsets never cross namespaces. */
    public static final String SOURCE_UID_PREFIX = "source-";
    public static final String PARSE_UID = "parse";
    public static final String DEDUP_UID = "dedup";
    /**
     * The operator that assigned watermarks after dedup until watermarks moved into the source (one per
     * partition). It held no state; the uid stays so that older savepoints still name all their operators.
     */
    public static final String WATERMARKS_UID = "watermarks";
    public static final String WINDOW_UID = "window-aggregate";
    public static final String SOURCE_PROGRESS_UID = "source-progress";
    public static final String SINK_UID = "sink-output";
    public static final String DEAD_LETTER_SINK_UID = "sink-dead-letter";
    public static final String LATE_SINK_UID = "sink-late";

    /** Keyed value state of the dedup operator: the first time an eventId was seen. */
    public static final String DEDUP_STATE = "seen-event-ids";
    /** Operator list state of source-progress: per-partition max record timestamp. */
    public static final String PROGRESS_STATE = "partition-progress";
    /** Union list state of source-progress: {@code namespace|kafkaClusterId}, the cluster each namespace was first reached at. */
    public static final String NAMESPACE_CLUSTERS_STATE = "namespace-clusters";
    /** Keyed map state of the window operator: window start -> running aggregate. */
    public static final String WINDOW_STATE = "open-windows";
    /** Keyed map state of the window operator: eventId -> start of the window it counted in (dedup for the window's lifetime). */
    public static final String WINDOW_EVENT_IDS_STATE = "window-event-ids";
    /** Keyed value state of the window operator: end of the newest window emitted and forgotten, per device. */
    public static final String WINDOW_CLOSED_BEFORE_STATE = "window-closed-before";
    /** Broadcast state of the window operator: the failover epoch whose held windows have been released. */
    public static final String STRANDED_RELEASES_STATE = "stranded-releases";
    /** The Kafka source's reader state, as Flink names it. */
    public static final String SOURCE_READER_STATE = "SourceReaderState";

    /** The uid of the source reading the given Event Hubs namespace. */
    public static String sourceUid(String namespace) {
        if (namespace == null || !namespace.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("source namespace: expected letters, digits and '-', got '" + namespace + "'");
        }
        return SOURCE_UID_PREFIX + namespace;
    }

    /** The uids that do not depend on the namespace. */
    public static List<String> fixedUids() {
        return List.of(PARSE_UID, DEDUP_UID, WATERMARKS_UID, WINDOW_UID, SOURCE_PROGRESS_UID, SINK_UID,
                DEAD_LETTER_SINK_UID, LATE_SINK_UID);
    }
}
