package io.github.fgf.localregions.alias;

import io.github.fgf.localregions.kafka.KafkaBrokerLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Geo-DR replicates metadata, not data: while paired, every event hub of the active namespace
 * exists, with its partition count, in the partner namespace too, so a job restarted there finds
 * its hubs (empty until producers arrive).
 */
final class MetadataReplicator {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataReplicator.class);
    private final Map<String, Properties> clients;

    /** @param clients admin client properties per region */
    MetadataReplicator(Map<String, Properties> clients) {
        this.clients = clients;
    }

    static Properties client(String bootstrap, String connectionString) {
        return KafkaBrokerLauncher.clientProperties(bootstrap, connectionString);
    }

    void sync(String from, String to) {
        try (Admin source = Admin.create(clients.get(from)); Admin target = Admin.create(clients.get(to))) {
            Set<String> names = source.listTopics().names().get();
            Set<String> existing = target.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            Map<String, TopicDescription> described = source.describeTopics(names).allTopicNames().get();
            for (TopicDescription d : described.values()) {
                if (!existing.contains(d.name())) missing.add(new NewTopic(d.name(), d.partitions().size(), (short) 1));
            }
            if (!missing.isEmpty()) {
                target.createTopics(missing).all().get();
                LOG.info("Replicated metadata of {} event hubs from {} to {}: Geo-DR keeps entities in step while paired",
                        missing.size(), from, to);
            }
        } catch (Exception e) {
            LOG.debug("metadata sync {} -> {} failed this round: {}", from, to, e.getMessage());
        }
    }
}
