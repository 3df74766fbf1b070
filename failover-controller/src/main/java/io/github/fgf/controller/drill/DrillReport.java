package io.github.fgf.controller.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A drill run's reports: {@code drill-report.json}, {@code drill-report.md} (summary table) and {@code drill-timeline.png}. */
public final class DrillReport {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** Where a run's reports went. */
    public record Paths(Path json, Path markdown, Path chart) {}

    private DrillReport() {}

    public static Paths write(Path dir, DrillResult r, DrillOptions.Targets targets, Timeline timeline) throws IOException {
        Files.createDirectories(dir);
        Paths p = new Paths(dir.resolve("drill-report.json"), dir.resolve("drill-report.md"), dir.resolve("drill-timeline.png"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", r.runId());
        json.put("mode", r.mode());
        json.put("passed", r.passed(targets));
        json.put("verdict", r.verdict(targets));
        json.put("exact", r.exact());
        json.put("figures", r.figures(targets));
        json.put("result", r);
        json.put("markers", timeline.markers());
        json.put("samples", timeline.samples());
        json.put("chart", p.chart().toString());
        JSON.writeValue(p.json().toFile(), json);
        Files.writeString(p.markdown(), markdown(r, targets, p));
        TimelineChart.write(p.chart(), "drill " + r.runId() + " (" + r.mode() + ")", r.startedAt(), timeline.samples(), timeline.markers());
        return p;
    }

    public static String markdown(DrillResult r, DrillOptions.Targets targets, Paths p) {
        StringBuilder b = new StringBuilder("# Drill " + r.runId() + ": " + r.mode() + " failover"
                + (r.failbackDoneAt() != null ? " with failback" : "") + "\n\n");
        b.append("Result: **").append(r.verdict(targets)).append("**; output ")
                .append(r.exact() ? "exact, window by window" : "WRONG: " + r.audit().problems()).append(". Failover ")
                .append(r.failoverStatus()).append(r.failoverReason() == null ? "" : " (" + r.failoverReason() + ")").append(".\n\n");
        b.append(table(r.figures(targets)));
        b.append("\nLoss at ").append(r.lossAt()).append(r.killAfterSavepointSeconds() == null ? ""
                : String.format(java.util.Locale.ROOT, " (%.1f s after a savepoint)", r.killAfterSavepointSeconds()))
                .append("; restore point ").append(r.restorePoint())
                .append(r.shipping() == null ? "" : r.shipping().restoredShipped() ? " (a shipped checkpoint)" : " (a savepoint)")
                .append(".\n\n![timeline](").append(p.chart().getFileName()).append(")\n");
        return b.toString();
    }

    /** The summary table, in Markdown (it reads as plain text in a terminal too). */
    public static String table(List<Figure> figures) {
        StringBuilder b = new StringBuilder("| figure | measured | target | met |\n|---|---|---|---|\n");
        for (Figure f : figures) {
            b.append("| ").append(f.label()).append(" | ").append(f.valueText()).append(" | ").append(f.target() == null ? "" : f.target())
                    .append(" | ").append(f.met() == null ? "" : f.met() ? "yes" : "**NO**").append(" |\n");
        }
        return b.toString();
    }
}
