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
 *
 * <p>When whoever starts the job knows its namespace's cluster id ({@code fence.cluster-id}), that id is what the job
 * expects, and it records its namespace only once it reaches it: a new job whose client resolved the alias before the
 * alias moved (a DNS cache) reaches the old namespace first. Without the expected id it would record that cluster and
 * fence itself for good once the alias resolves to its own; with it, the job fails with a restartable error
 * ({@link #notThereYet}) and connects again.
 */
public final class NamespaceFence implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Reads the cluster id through the job's bootstrap; empty when it cannot tell (unreachable, or not reported). */
    public interface ClusterIds extends Serializable {
        Optional<String> current();
    }

    private final String namespace;
    private final String expectedClusterId;
    private final Duration interval;
    private final Duration grace;
    private final ClusterIds clusterIds;

    public NamespaceFence(String namespace, Duration interval, ClusterIds clusterIds) {
        this(namespace, "", interval, Duration.ZERO, clusterIds);
    }

    public NamespaceFence(String namespace, Duration interval, Duration grace, ClusterIds clusterIds) {
        this(namespace, "", interval, grace, clusterIds);
    }

    /**
     * @param expectedClusterId the namespace's cluster id if the starter knows it, else empty
     * @param grace how long a running job may see the alias lead elsewhere before it stops: its own connections stay
     *     with its namespace (as with DNS), and a planned failover moves the alias first, then drains and stops this
     *     job. A (re)started job connects through the alias anew, so it is fenced at start without grace.
     */
    public NamespaceFence(String namespace, String expectedClusterId, Duration interval, Duration grace, ClusterIds clusterIds) {
        this.namespace = namespace;
        this.expectedClusterId = expectedClusterId == null ? "" : expectedClusterId;
        this.interval = interval;
        this.grace = grace;
        this.clusterIds = clusterIds;
    }

    /** Through the Kafka endpoint the source uses (the same properties, so the same alias and credentials). */
    public static NamespaceFence kafka(String namespace, String expectedClusterId, Duration interval, Duration grace,
                                       Properties client) {
        return new NamespaceFence(namespace, expectedClusterId, interval, grace, new KafkaClusterIds(client));
    }

    /** Whether the job records the cluster it reached as its namespace's: the first one, or the expected one once reached. */
    public boolean mayRecord(Map<String, String> recorded, String reached) {
        return expectedClusterId.isEmpty() ? !recorded.containsKey(namespace)
                : expectedClusterId.equals(reached) && !reached.equals(recorded.get(namespace));
    }

    /**
     * Before the job has ever reached its (expected) namespace: empty if it reaches it now, else why it must fail and
     * restart (not stop for good: the alias has not moved away from it; its client reached the alias' old target).
     */
    public Optional<String> notThereYet(Map<String, String> recorded, String reached) {
        if (expectedClusterId.isEmpty() || reached == null || expectedClusterId.equals(reached)) return Optional.empty();
        if (expectedClusterId.equals(recorded.get(namespace))) return Optional.empty(); // it was there: verdict decides
        return Optional.of("the Kafka endpoint reaches cluster " + reached + ", not cluster " + expectedClusterId
                + " of namespace " + namespace + " that this job's source reads: its client resolved the alias before the "
                + "alias moved; failing so that Flink restarts the job and it connects again");
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
        // Given an id, the job is fenced only from a namespace it has been in: a job that never reached it is not there yet.
        if (!expectedClusterId.isEmpty() && !expectedClusterId.equals(expected)) return Optional.empty();
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
