package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.RawRecord;
import io.github.fgf.job.state.ControlRecords;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Parses each record in the source, because watermarks are generated there, per partition, from
 * the event time in the payload (as Stream Analytics applies its out-of-order policy per input
 * partition). Malformed records pass on with their reason; the project's headers are read here.
 */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RawRecord> out) {
        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        RawRecord raw = new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), null);
        Header control = r.headers().lastHeader(ControlRecords.CONTROL_HEADER);
        if (control != null) {
            raw.control = text(control);
            raw.controlEpoch = epoch(r.headers().lastHeader(ControlRecords.EPOCH_HEADER));
            out.collect(raw);
            return;
        }
        raw.strandedEpoch = epoch(r.headers().lastHeader(ControlRecords.STRANDED_HEADER));
        EventParser.Result parsed = EventParser.parse(value);
        if (parsed.event() != null) {
            raw.event = parsed.event();
        } else {
            raw.reason = parsed.reason();
            raw.value = value;
        }
        out.collect(raw);
    }

    private static String text(Header h) {
        return h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static long epoch(Header h) {
        if (h == null) return -1;
        try {
            return Long.parseLong(text(h).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
