package io.github.fgf.statetools.cli;

import io.github.fgf.statetools.action.Inspector;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.InspectReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect <path>}: operators, Kafka offsets and progress of one snapshot. */
@Command(name = "inspect", description = "Show a snapshot's operators, Kafka source offsets and per-partition progress.")
final class InspectCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<path>", description = "snapshot directory or its _metadata")
    String path;

    @Option(names = "--keys", description = "Also count keyed-state keys (dedup event ids) with the State Processor API; takes seconds.")
    boolean keys;

    @Override
    public Integer call() throws Exception {
        SnapshotUri uri = SnapshotUri.parse(path);
        InspectReport r = new Inspector(CommonOptions.reader(uri), common.names()).inspect(uri);
        if (keys) r = r.withKeyCounts(io.github.fgf.statetools.read.KeyCounts.count(uri));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(CommonOptions.JSON.writeValueAsString(r));
            return Cli.OK;
        }
        out.printf("%s%n  type %s, checkpoint %d, completed %s, metadata format %s%n", r.path(), r.type(), r.checkpointId(),
                r.completedAt(), r.formatVersion());
        out.printf("%n%-30s %-32s %4s %6s %12s %8s%n", "OPERATOR", "ID", "PAR", "MAXPAR", "STATE BYTES", "SUBTASKS");
        r.operators().forEach(o -> out.printf("%-30s %-32s %4d %6d %12d %8d%n", o.uid(), o.operatorId(), o.parallelism(),
                o.maxParallelism(), o.stateSize(), o.subtasksWithState()));
        out.printf("%n%-30s %9s %12s%n", "TOPIC", "PARTITION", "NEXT OFFSET");
        r.sourceOffsets().forEach(s -> out.printf("%-30s %9d %12d%n", s.topic(), s.partition(), s.nextOffset()));
        out.printf("%n%-30s %9s %-24s %10s%n", "TOPIC", "PARTITION", "PROGRESS (MAX RECORD TS)", "MAX OFFSET");
        r.progress().forEach(p -> out.printf("%-30s %9d %-24s %10d%n", p.topic(), p.partition(),
                Instant.ofEpochMilli(p.maxRecordTimestamp()), p.maxOffset()));
        if (!r.keyCounts().isEmpty()) {
            out.printf("%n%-40s %10s%n", "KEYED STATE", "KEYS");
            r.keyCounts().forEach((k, v) -> out.printf("%-40s %10d%n", k, v));
        }
        return Cli.OK;
    }
}
