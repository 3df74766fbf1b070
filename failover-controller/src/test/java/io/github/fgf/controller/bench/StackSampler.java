package io.github.fgf.controller.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A poor man's profiler for the benchmark's job: {@code jstack} of the TaskManager every three
 * seconds while the job reads (both runs alike), counting, per task thread, which frame it was in (the first frame
 * of our code or of Flink's state, serialization and network layers). Enough to say where the
 * time goes when a throughput target is missed; no agent needed.
 */
final class StackSampler implements AutoCloseable {

    private final long pid;
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, Integer> samples = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StackSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::loop, "bench-stacks");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Process p = new ProcessBuilder("jstack", String.valueOf(pid)).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor(10, TimeUnit.SECONDS);
                record(out);
                // jstack stops the JVM at a safepoint: rarely enough that the sampled run is not slowed measurably.
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a missed sample
            }
        }
    }

    private synchronized void record(String dump) {
        for (String block : dump.split("\n\n")) {
            if (!block.startsWith("\"")) continue;
            String name = block.substring(1, block.indexOf('"', 1));
            // Flink's task threads are named after their (chained) operators and subtask: "<names> (1/1)#0".
            if (!name.matches(".*\\(\\d+/\\d+\\)#\\d+$")) continue;
            String task = name.replaceAll(" \\(\\d+/\\d+\\)#\\d+$", "");
            if (task.length() > 60) task = task.substring(0, 60) + "…";
            samples.merge(task, 1, Integer::sum);
            counts.computeIfAbsent(task, k -> new HashMap<>()).merge(frame(block), 1, Integer::sum);
        }
    }

    /** The first frame that says what the thread does: ours, RocksDB, Kryo, Jackson, or Flink's network and state code. */
    static String frame(String block) {
        List<String> frames = new ArrayList<>();
        for (String l : block.split("\n")) {
            String t = l.trim();
            if (t.startsWith("at ")) frames.add(t.substring(3).replaceAll("\\(.*", ""));
        }
        if (block.contains("java.lang.Thread.State: WAITING") || block.contains("TIMED_WAITING")) {
            for (String f : frames) {
                if (f.contains("flink")) return "waiting in " + shorten(f);
            }
            return "waiting";
        }
        for (String f : frames) {
            if (f.startsWith("io.github.fgf") || f.startsWith("org.rocksdb") || f.contains("kryo") || f.contains("jackson")
                    || f.contains(".runtime.io.network") || f.contains(".runtime.state") || f.contains("typeutils")
                    || f.contains("kafka.clients")) {
                return shorten(f);
            }
        }
        return frames.isEmpty() ? "?" : shorten(frames.get(0));
    }

    private static String shorten(String f) {
        String[] parts = f.split("\\.");
        return parts.length < 2 ? f : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** Per task thread, its five most sampled frames with their share of that thread's samples. */
    synchronized Map<String, String> top() {
        Map<String, String> out = new java.util.TreeMap<>();
        counts.forEach((task, frames) -> {
            int n = samples.get(task);
            StringBuilder b = new StringBuilder();
            frames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5).forEach(e ->
                    b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(' ').append(100 * e.getValue() / n).append('%'));
            out.put(task + " (" + n + " samples)", b.toString());
        });
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
    }
}
