package io.github.fgf.controller.drill;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.controller.report.FailoverReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The drill drives the controller through its own commands, as an operator would: {@code watch --auto --json},
 * {@code failover --planned --json} and {@code failback --json}, run in this JVM so that their JSON lines are read as
 * they are printed.
 */
final class ControllerCalls {

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A command's exit code and what it printed. */
    record Outcome(int exit, List<String> lines, String errors) {
        /** The last JSON value printed: watch prints one per line, failback one indented over several. */
        JsonNode lastJson() throws Exception {
            JsonNode last = null;
            try (var it = JSON.readerFor(JsonNode.class).<JsonNode>readValues(String.join("\n", lines))) {
                while (it.hasNextValue()) last = it.nextValue();
            }
            if (last == null) throw new IllegalStateException("the controller printed no JSON (exit " + exit + "): " + errors.strip());
            return last;
        }

        /** Why it failed: its error line, or the status and reason of the report it printed (a refusal). */
        String why() {
            if (!errors.isBlank()) return errors.strip();
            try {
                JsonNode j = lastJson();
                return j.path("status").asText("?") + ": " + j.path("reason").asText("");
            } catch (Exception e) {
                return "no output";
            }
        }

        /** The failover report it printed last; one clear line when it printed none (a watch out of rounds). */
        FailoverReport report() throws Exception {
            JsonNode j = lastJson();
            if (!j.has("status") || !j.has("steps")) {
                throw new IllegalStateException("the controller printed no failover report (exit " + exit + "): " + why());
            }
            return JSON.treeToValue(j, FailoverReport.class);
        }
    }

    private final Path topology;
    private final Path stateDir;

    ControllerCalls(Path topology, Path stateDir) {
        this.topology = topology;
        this.stateDir = stateDir;
    }

    /** Runs a verb to its end; each JSON line it prints goes to {@code lines} as well, at once. */
    Outcome run(Consumer<String> onLine, String... verbAndOptions) {
        List<String> args = new ArrayList<>(List.of(verbAndOptions));
        args.addAll(List.of("--topology", topology.toString(), "--state-dir", stateDir.toString(), "--json"));
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        StringWriter err = new StringWriter();
        int exit = FailoverControllerCli.run(args.toArray(String[]::new), new PrintWriter(new LineWriter(l -> {
            lines.add(l);
            onLine.accept(l);
        }), true), new PrintWriter(err, true));
        keep(verbAndOptions[0], lines, err.toString());
        return new Outcome(exit, List.copyOf(lines), err.toString());
    }

    /** What the command printed, beside the controller's state (watch: every probe round as a JSON line). */
    private void keep(String verb, List<String> lines, String errors) {
        try {
            java.nio.file.Files.createDirectories(stateDir);
            List<String> all = new ArrayList<>(lines);
            if (!errors.isBlank()) all.add(errors.strip());
            java.nio.file.Files.write(stateDir.resolve(verb + ".out"), all, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Hands on each complete line written to it. */
    private static final class LineWriter extends Writer {
        private final StringBuilder line = new StringBuilder();
        private final Consumer<String> onLine;

        LineWriter(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    onLine.accept(line.toString());
                    line.setLength(0);
                } else if (buf[i] != '\r') {
                    line.append(buf[i]);
                }
            }
        }

        @Override
        public synchronized void flush() {}

        @Override
        public synchronized void close() {
            if (!line.isEmpty()) onLine.accept(line.toString());
        }
    }
}
