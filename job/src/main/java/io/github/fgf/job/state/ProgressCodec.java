package io.github.fgf.job.state;

/**
 * The encoding of one entry of {@link StateLayout#PROGRESS_STATE}: a plain string
 * {@code topic|partition|maxRecordTimestamp|maxOffset}, stored with Flink's StringSerializer so
 * that state-tools and the controller decode it without the job's classes.
 */
public final class ProgressCodec {

    private ProgressCodec() {}

    /** One partition's progress. */
    public record Entry(String topic, int partition, long maxRecordTimestamp, long maxOffset) {}

    public static String encode(Entry e) {
        return e.topic() + "|" + e.partition() + "|" + e.maxRecordTimestamp() + "|" + e.maxOffset();
    }

    public static Entry decode(String s) {
        String[] p = s.split("\\|");
        if (p.length != 4) throw new IllegalArgumentException("not a progress entry: " + s);
        return new Entry(p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
    }
}
