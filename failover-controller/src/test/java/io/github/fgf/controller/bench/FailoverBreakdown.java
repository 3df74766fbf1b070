package io.github.fgf.controller.bench;

import static io.github.fgf.controller.bench.BenchTable.f1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.localregions.env.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The failover breakdown per step, from two forced drills with the same settings: one restoring a
 * replicated savepoint ({@code --no-shipping}), one restoring a shipped checkpoint. Each step's
 * time is from the step before it; the drill itself audits that both end exact.
 */
final class FailoverBreakdown {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STEPS = List.of("choose", "fence", "promote", "submit", "verify");
    /** Issue 12's goals: detection within K rounds plus one probe deadline (3 x 5 s + 4 s), first output 10 s after, 30 s in all. */
    private static final Map<String, Double> TARGETS = Map.of("kill to loss declared", 19.0,
            "declared to first output from the secondary", 10.0, "kill to first output", 30.0);
    private final BenchTable table;
    private final Environment env;
    private final Path dir;

    FailoverBreakdown(BenchTable table, Environment env, Path dir) {
        this.table = table;
        this.env = env;
        this.dir = dir;
    }

    void run() throws Exception {
        String F = "Failover breakdown (forced drill, GRS lag 5 s, savepoints every 15 s, default probe policy)";
        Map<String, Map<String, Double>> byPath = new TreeMap<>();
        byPath.put("savepoint", drill("savepoint", "--no-shipping"));
        byPath.put("shipped checkpoint", drill("shipped"));
        List<String> rows = new ArrayList<>(byPath.get("savepoint").keySet());
        for (String row : rows) {
            String unit = row.startsWith("output exact") ? "" : " s";
            Double target = TARGETS.get(row);
            Double shipped = byPath.get("shipped checkpoint").get(row);
            table.row(F, row, "savepoint path " + fmt(byPath.get("savepoint").get(row)) + unit + "; shipped-checkpoint path "
                    + fmt(shipped) + unit, target == null ? null : "<= " + f1(target) + " s (shipped path)",
                    target == null || shipped == null ? null : shipped <= target);
        }
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : f1(v);
    }

    private Map<String, Double> drill(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("drill", "--kill-after-savepoint", "5s", "--baseline", "10s", "--after-failover", "10s",
                "--savepoint-interval", "15s", "--devices", "40", "--report-dir", dir.resolve("drill-" + name).toString(),
                "--local-regions", Path.of("../bin/local-regions").toAbsolutePath().normalize().toString(),
                "--local-dir", env.workDir(), "--job-jar", Path.of("../job/target/job-all.jar").toString(), "--json"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        int exit;
        WatermarkSampler secondary;
        try (WatermarkSampler w = new WatermarkSampler(env.region("secondary").flink().restUrl())) {
            exit = FailoverControllerCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            secondary = w;
        }
        JsonNode summary = JSON.readTree(out.toString());
        if (exit != 0 && exit != 3) throw new IllegalStateException("drill " + name + " exited " + exit + ": " + summary);
        JsonNode r = JSON.readTree(Path.of(summary.get("reports").get(0).asText()).resolveSibling("drill-report.json").toFile()).get("result");
        Map<String, Double> s = new java.util.LinkedHashMap<>();
        Instant loss = Instant.parse(r.get("lossAt").asText());
        Instant prev = Instant.parse(r.get("declaredAt").asText());
        s.put("kill to loss declared", secs(loss, prev));
        for (String step : STEPS) {
            JsonNode at = r.path("steps").path(step);
            if (at.isMissingNode() || at.isNull()) continue;
            Instant t = Instant.parse(at.asText());
            s.put("… " + step + " (from the step before)", secs(prev, t));
            prev = t;
        }
        s.put("declared to verified (RTO of the controller)", secs(Instant.parse(r.get("declaredAt").asText()), prev));
        if (r.hasNonNull("firstOutputAt")) {
            s.put("declared to first output from the secondary", secs(Instant.parse(r.get("declaredAt").asText()),
                    Instant.parse(r.get("firstOutputAt").asText())));
            s.put("kill to first output", secs(loss, Instant.parse(r.get("firstOutputAt").asText())));
        }
        // What gates the first output: B's window operator RUNNING, then its watermark set (every partition has sent a
        // record or gone idle after watermark.idle-timeout), then the first window whose end that watermark passes.
        Instant declared = Instant.parse(r.get("declaredAt").asText());
        secondary.runningAt().ifPresent(t -> s.put("declared to B's window operator RUNNING", secs(declared, t)));
        if (secondary.runningAt().isPresent() && secondary.watermarkSetAt().isPresent()) {
            s.put("… B's window watermark first set (from RUNNING)", secs(secondary.runningAt().get(), secondary.watermarkSetAt().get()));
            s.put("… that first watermark, behind the moment it was set", secs(secondary.firstWatermark().get(), secondary.watermarkSetAt().get()));
            if (r.hasNonNull("firstOutputAt")) {
                s.put("… first output (from the watermark first set)", secs(secondary.watermarkSetAt().get(),
                        Instant.parse(r.get("firstOutputAt").asText())));
            }
        }
        // Whether the window's end or the failover held the first output back (see the drill's output timing figures).
        JsonNode timing = r.path("outputTiming");
        if (timing.hasNonNull("firstOutputWindowEnd") && r.hasNonNull("firstOutputAt")) {
            Instant end = Instant.parse(timing.get("firstOutputWindowEnd").asText());
            s.put("… the first output's window end, from declared", secs(declared, end));
            s.put("… the first output, after its window's end", secs(end, Instant.parse(r.get("firstOutputAt").asText())));
        }
        if (timing.hasNonNull("mostDelayed")) {
            JsonNode w = timing.get("mostDelayed");
            s.put("worst output delay (a window ending after the kill: its end to its first output)",
                    secs(Instant.parse(w.get("windowEnd").asText()), Instant.parse(w.get("at").asText())));
        }
        if (r.hasNonNull("baselineLatencyP99Millis")) s.put("baseline output delay p99", r.get("baselineLatencyP99Millis").asLong() / 1000.0);
        if (r.hasNonNull("caughtUpAt")) s.put("kill to caught up", secs(loss, Instant.parse(r.get("caughtUpAt").asText())));
        if (r.hasNonNull("restorePointWrittenAt")) {
            s.put("state RPO (loss minus the restore point's time)", Math.max(0, secs(Instant.parse(r.get("restorePointWrittenAt").asText()), loss)));
        }
        s.put("output exact after failback (1 = yes)", summary.get("allExact").asBoolean() ? 1.0 : 0.0);
        return s;
    }

    private static double secs(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }
}
