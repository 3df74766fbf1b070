package io.github.fgf.job.pipeline;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Tells whether the namespace the job reaches through the alias is still the one its source uid
 * names. Each Event Hubs namespace (each local broker) has its own Kafka cluster id; the job
 * records the id it first reached for its namespace in its state. A job restored from that state
 * (a Flink HA restart after the alias moved, say) that reaches another cluster is fenced: it must
 * never write beside the newer epoch that runs there.
 */
public final class NamespaceFence implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Reads the cluster id through the job's bootstrap; empty when it cannot tell (unreachable, or not reported). */
    public interface ClusterIds extends Serializable {
        Optional<String> current();
    }

    private final String namespace;
    private final Duration interval;
    private final Duration grace;
    private final ClusterIds clusterIds;

    public NamespaceFence(String namespace, Duration interval, ClusterIds clusterIds) {
        this(namespace, interval, Duration.ZERO, clusterIds);
    }

    /**
     * @param grace how long a running job may see the alias lead elsewhere before it stops: its own connections stay
     *     with its namespace (as with DNS), and a planned failover moves the alias first, then drains and stops this
     *     job. A (re)started job connects through the alias anew, so it is fenced at start without grace.
     */
    public NamespaceFence(String namespace, Duration interval, Duration grace, ClusterIds clusterIds) {
        this.namespace = namespace;
        this.interval = interval;
        this.grace = grace;
        this.clusterIds = clusterIds;
    }

    /** Through the Kafka endpoint the source uses (the same properties, so the same alias and credentials). */
    public static NamespaceFence kafka(String namespace, Duration interval, Duration grace, Properties client) {
        return new NamespaceFence(namespace, interval, grace, new KafkaClusterIds(client));
    }

    public Duration grace() {
        return grace;
    }

    public String namespace() {
        return namespace;
    }

    public Duration interval() {
        return interval;
    }

    public boolean enabled() {
        return !interval.isZero();
    }

    public Optional<String> current() {
        return clusterIds.current();
    }

    /**
     * The verdict for the cluster reached now, given the ids recorded per namespace: empty if the job
     * may go on, else the reason it must stop for good.
     */
    public Optional<String> verdict(Map<String, String> recorded, String reached) {
        String expected = recorded.get(namespace);
        if (expected == null || reached == null || expected.equals(reached)) return Optional.empty();
        return Optional.of("fenced: the Kafka endpoint now reaches cluster " + reached + ", not cluster " + expected
                + " of namespace " + namespace + " that this job's source reads; the alias has moved to another namespace, "
                + "where a newer failover epoch runs, so this job stops for good and is not restarted");
    }

    /** The cluster id through a Kafka Admin client, with a short deadline. */
    static final class KafkaClusterIds implements ClusterIds {
        private static final long serialVersionUID = 1L;
        private final Properties client;

        KafkaClusterIds(Properties client) {
            this.client = new Properties();
            this.client.putAll(client);
            this.client.put("request.timeout.ms", "10000");
            this.client.put("default.api.timeout.ms", "10000");
        }

        @Override
        public Optional<String> current() {
            try (Admin admin = Admin.create(client)) {
                return Optional.ofNullable(admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
    }
}
