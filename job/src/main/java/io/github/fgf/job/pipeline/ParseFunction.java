package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.DeadLetter;
import io.github.fgf.job.model.RawRecord;
import io.github.fgf.job.model.TelemetryEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses records; a malformed one goes to the dead-letter side output with its reason and origin. */
public class ParseFunction extends ProcessFunction<RawRecord, TelemetryEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<TelemetryEvent> out) {
        EventParser.Result result = EventParser.parse(r.value);
        if (result.event() != null) {
            out.collect(result.event());
        } else {
            ctx.output(DEAD_LETTERS, new DeadLetter(result.reason(), r));
        }
    }
}
