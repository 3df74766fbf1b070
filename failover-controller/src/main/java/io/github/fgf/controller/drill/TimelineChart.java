package io.github.fgf.controller.drill;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The drill's timeline as a PNG: events in and out per second for each region (from the timeline's once-a-second
 * totals), with a vertical marker for the loss, the detection, each failover step, the first output and the failback.
 */
public final class TimelineChart {

    private TimelineChart() {}

    /** The log scale's floor: a rate of zero is drawn on it (a region that does not answer is a gap instead). */
    static final double FLOOR = 0.5;

    private static Double positive(double rate) {
        return Math.max(FLOOR, rate);
    }

    public static void write(Path png, String title, Instant start, List<Timeline.Sample> samples, List<Timeline.Marker> markers)
            throws IOException {
        ChartUtils.saveChartAsPNG(png.toFile(), chart(title, start, samples, markers), 1400, 650);
    }

    static JFreeChart chart(String title, Instant start, List<Timeline.Sample> samples, List<Timeline.Marker> markers) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, Timeline.Sample> previous = new HashMap<>();
        Map<String, XYSeries> series = new java.util.LinkedHashMap<>();
        for (Timeline.Sample s : samples) {
            double x = Duration.between(start, s.at()).toMillis() / 1000.0;
            if (s.in() == null) {
                // A region that does not answer: a gap in its lines, not a slope across the outage.
                if (previous.remove(s.region()) != null) {
                    series.computeIfAbsent(s.region() + " in", XYSeries::new).add(x, null);
                    series.computeIfAbsent(s.region() + " out", XYSeries::new).add(x, null);
                }
                continue;
            }
            Timeline.Sample p = previous.put(s.region(), s);
            if (p == null) continue;
            double dt = Duration.between(p.at(), s.at()).toMillis() / 1000.0;
            if (dt <= 0) continue;
            series.computeIfAbsent(s.region() + " in", XYSeries::new).add(x, positive((s.in() - p.in()) / dt));
            if (s.out() != null && p.out() != null) {
                series.computeIfAbsent(s.region() + " out", XYSeries::new).add(x, positive((s.out() - p.out()) / dt));
            }
        }
        series.values().forEach(data::addSeries);
        NumberAxis time = new NumberAxis("seconds since the drill began");
        // Logarithmic: the backlog and the failback's drain come in thousands a second, the live input in tens.
        LogAxis rate = new LogAxis("events per second (log scale; bottom line: none; gap: no answer)");
        rate.setSmallestValue(FLOOR); // auto range: a bound set here would fix the range and clip the rates
        rate.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(data, time, rate, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        int i = 0;
        for (Timeline.Marker m : markers) {
            ValueMarker v = new ValueMarker(Duration.between(start, m.at()).toMillis() / 1000.0);
            v.setPaint(m.label().startsWith("loss") ? Color.RED : new Color(90, 90, 160));
            v.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
            v.setLabel(m.label());
            v.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            // Staggered, so that markers a second apart stay readable.
            v.setLabelAnchor(i % 2 == 0 ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
            v.setLabelTextAnchor(i % 2 == 0 ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
            v.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(10 + 12 * (i % 6), 2, 10 + 12 * (i % 6), 2));
            plot.addDomainMarker(v);
            i++;
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
