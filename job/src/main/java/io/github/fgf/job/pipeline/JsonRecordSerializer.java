package io.github.fgf.job.pipeline;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a record to a fixed topic with a key and a JSON value computed from it. */
public class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    /** Serializable key/value extraction. */
    public interface Render<T> extends Function {
        String apply(T value);
    }

    private final String topic;
    private final Render<T> key;
    private final Render<T> value;

    public JsonRecordSerializer(String topic, Render<T> key, Render<T> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(topic, null, timestamp, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                value.apply(element).getBytes(StandardCharsets.UTF_8));
    }
}
