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
    private final String headerName;
    private final Render<T> headerValue;

    public JsonRecordSerializer(String topic, Render<T> key, Render<T> value) {
        this(topic, key, value, null, null);
    }

    /** With one record header whose value is computed per record (no header where it is null). */
    public JsonRecordSerializer(String topic, Render<T> key, Render<T> value, String headerName, Render<T> headerValue) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        // No timestamp of our own: Event Hubs stamps the enqueue time (LogAppendTime) anyway, and a window
        // start as the record time would make retention delete fresh output about old windows.
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                value.apply(element).getBytes(StandardCharsets.UTF_8));
        String h = headerValue == null ? null : headerValue.apply(element);
        if (h != null) r.headers().add(headerName, h.getBytes(StandardCharsets.UTF_8));
        return r;
    }
}
