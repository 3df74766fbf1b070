package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.ControlSignal;
import io.github.fgf.job.model.DeadLetter;
import io.github.fgf.job.model.RawRecord;
import io.github.fgf.job.model.TelemetryEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Routes the source's parsed records: events on, a malformed one to the dead-letter side output
 * with its reason and origin, a control record to the control side output.
 */
public class ParseFunction extends ProcessFunction<RawRecord, TelemetryEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<ControlSignal> CONTROL = new OutputTag<>("control") {};

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<TelemetryEvent> out) {
        if (r.control != null) {
            ctx.output(CONTROL, new ControlSignal(r.control, r.controlEpoch, r.topic, r.partition, r.offset));
        } else if (r.event != null) {
            r.event.strandedEpoch = r.strandedEpoch;
            out.collect(r.event);
        } else {
            ctx.output(DEAD_LETTERS, new DeadLetter(r.reason, r));
        }
    }
}
