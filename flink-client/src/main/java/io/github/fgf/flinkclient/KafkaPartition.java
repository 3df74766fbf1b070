package io.github.fgf.flinkclient;

/** A Kafka topic partition (an Event Hubs hub partition) as a job's Kafka source metrics name it. */
public record KafkaPartition(String topic, int partition) implements Comparable<KafkaPartition> {

    @Override
    public int compareTo(KafkaPartition o) {
        int t = topic.compareTo(o.topic);
        return t != 0 ? t : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
