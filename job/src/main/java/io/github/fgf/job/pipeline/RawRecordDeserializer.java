package io.github.fgf.job.pipeline;

import io.github.fgf.job.model.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps the raw value with its topic, partition, offset and enqueued time; parsing happens downstream. */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RawRecord> out) {
        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        out.collect(new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), value));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
