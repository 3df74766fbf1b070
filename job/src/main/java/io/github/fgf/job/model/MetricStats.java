package io.github.fgf.job.model;

/** count, sum, min and max of one metric in one window; avg is derived. A Flink POJO. */
public class MetricStats {
    public long count;
    public double sum;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;

    public void add(double v) {
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    public double avg() {
        return count == 0 ? 0 : sum / count;
    }
}
