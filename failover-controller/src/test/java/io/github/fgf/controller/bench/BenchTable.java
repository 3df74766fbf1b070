package io.github.fgf.controller.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's results: tables of rows, each a measurement beside its target (if it has one).
 * Printed as they come, so a long run shows progress, and rendered as BENCHMARKS.md at the end.
 */
final class BenchTable {

    record Row(String what, String measured, String target, Boolean met) {}

    private final Map<String, List<Row>> tables = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    void row(String table, String what, String measured, String target, Boolean met) {
        tables.computeIfAbsent(table, k -> new ArrayList<>()).add(new Row(what, measured, target, met));
        System.out.println("benchmark | " + table + " | " + what + " | " + measured + (target == null ? "" : " | target " + target
                + (met == null ? "" : met ? " | met" : " | MISSED")));
    }

    void info(String table, String what, String measured) {
        row(table, what, measured, null, null);
    }

    void note(String table, String text) {
        notes.merge(table, text, (a, b) -> a + "\n\n" + b);
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        tables.forEach((name, rows) -> {
            b.append("\n## ").append(name).append("\n\n| figure | measured | target | met |\n|---|---|---|---|\n");
            for (Row r : rows) {
                b.append("| ").append(r.what()).append(" | ").append(r.measured()).append(" | ")
                        .append(r.target() == null ? "" : r.target()).append(" | ")
                        .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" |\n");
            }
            if (notes.containsKey(name)) b.append("\n").append(notes.get(name)).append("\n");
        });
        return b.toString();
    }

    /** Writes {@code heading} and the tables to failover-controller/target/benchmarks/{@code file}, and says where. */
    void writeTo(String file, String heading) throws java.io.IOException {
        java.nio.file.Path out = java.nio.file.Path.of("target/benchmarks", file);
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, heading + markdown());
        System.out.println("benchmark | written " + out.toAbsolutePath());
    }

    static String f1(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    static String mb(long bytes) {
        return f1(bytes / 1e6) + " MB";
    }
}
