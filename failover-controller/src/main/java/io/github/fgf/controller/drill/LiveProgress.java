package io.github.fgf.controller.drill;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The drill's progress while it runs: every few seconds one line with the elapsed time, the phase, each region's
 * input and output rates, the secondary's lag (events in its input hub its job has not committed) and the events
 * acknowledged. On a terminal the line is rewritten in place; otherwise (a log, CI) each is a line of its own.
 */
public final class LiveProgress implements AutoCloseable {

    private final PrintWriter out;
    private final Clock clock;
    private final Instant start;
    private final boolean terminal;
    private volatile String phase = "starting";
    private volatile Timeline timeline;
    private volatile LongSupplier acknowledged = () -> 0;
    private volatile List<String> regions;
    private final Thread thread;
    private volatile boolean running = true;

    public LiveProgress(PrintWriter out, Clock clock, List<String> regions, boolean terminal, Duration every) {
        this.out = out;
        this.clock = clock;
        this.start = clock.instant();
        this.regions = regions;
        this.terminal = terminal;
        this.thread = new Thread(() -> {
            try {
                while (running) {
                    Thread.sleep(every.toMillis());
                    print(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drill-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on, the run's timeline, its acknowledged events and its regions (primary first). */
    public void follow(Timeline t, LongSupplier acked, List<String> regionNames) {
        this.regions = regionNames;
        this.timeline = t;
        this.acknowledged = acked;
    }

    /** A new phase: printed at once, on a line of its own. */
    public void phase(String p) {
        this.phase = p;
        print(true);
    }

    private synchronized void print(boolean newPhase) {
        long s = Duration.between(start, clock.instant()).toSeconds();
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "drill %02d:%02d %-22s", s / 60, s % 60, phase));
        Timeline t = timeline;
        if (t != null) {
            for (String r : regions) {
                b.append(" | ").append(r).append(" in ").append(rate(t, r, true)).append("/s out ").append(rate(t, r, false)).append("/s");
            }
            String last = regions.get(regions.size() - 1);
            t.latest(last).filter(x -> x.committed() != null).ifPresent(x -> b.append(" | lag ").append(Math.max(0, x.in() - x.committed())));
            b.append(" | acked ").append(acknowledged.getAsLong());
        }
        if (terminal && !newPhase) {
            out.print("\r" + b);
        } else {
            out.println((terminal ? "\r" : "") + b);
        }
        out.flush();
    }

    private static String rate(Timeline t, String region, boolean in) {
        List<Timeline.Sample> s = t.samples().stream().filter(x -> x.region().equals(region)).toList();
        if (s.size() < 2) return "-";
        Timeline.Sample a = s.get(s.size() - 2);
        Timeline.Sample b = s.get(s.size() - 1);
        Long x = in ? a.in() : a.out();
        Long y = in ? b.in() : b.out();
        if (x == null || y == null) return "down";
        double dt = Math.max(0.001, Duration.between(a.at(), b.at()).toMillis() / 1000.0);
        return String.valueOf(Math.round((y - x) / dt));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
        if (terminal) out.println();
        out.flush();
    }
}
