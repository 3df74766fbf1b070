package io.github.fgf.job.eventhubs;

import io.github.fgf.job.config.JobConfigException;
import io.github.fgf.job.config.JobOptions;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * An Event Hubs connection string and the Kafka client properties it implies. The secret parts
 * stay inside: {@link #toString()} and every error show only the host.
 */
public final class EventHubsConnectionString implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "Endpoint=sb://<host>/;SharedAccessKeyName=<name>;SharedAccessKey=<key>"
            + " (or SharedAccessSignature=<sas>), EntityPath optional";

    private final String raw;
    private final String host;
    private final String localBootstrap;

    private EventHubsConnectionString(String raw, String host, String localBootstrap) {
        this.raw = raw;
        this.host = host;
        this.localBootstrap = localBootstrap;
    }

    /** Parses and validates; {@code localBootstrap} non-empty selects local SASL_PLAINTEXT mode. */
    public static EventHubsConnectionString parse(String text, String localBootstrap) {
        String key = JobOptions.CONNECTION_STRING.key();
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) throw new JobConfigException(key, "a part is not <name>=<value>; expected " + FORM);
            parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        String endpoint = parts.get("endpoint");
        if (endpoint == null || !endpoint.startsWith("sb://") || endpoint.length() <= "sb://".length()) {
            throw new JobConfigException(key, "Endpoint must be sb://<host>/; expected " + FORM);
        }
        String host = endpoint.substring("sb://".length()).replaceAll("/+$", "");
        if (host.isEmpty() || host.contains("/")) throw new JobConfigException(key, "Endpoint must be sb://<host>/; expected " + FORM);
        boolean sas = parts.containsKey("sharedaccesssignature");
        boolean keyPair = parts.containsKey("sharedaccesskeyname") && parts.containsKey("sharedaccesskey");
        if (!sas && !keyPair) {
            throw new JobConfigException(key, "needs SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature; expected " + FORM);
        }
        if (keyPair && (parts.get("sharedaccesskeyname").isEmpty() || parts.get("sharedaccesskey").isEmpty())) {
            throw new JobConfigException(key, "SharedAccessKeyName and SharedAccessKey must not be empty");
        }
        if (localBootstrap != null && !localBootstrap.isEmpty() && !localBootstrap.matches("[^:\\s]+:\\d+")) {
            throw new JobConfigException(JobOptions.LOCAL_BOOTSTRAP.key(), "expected host:port, got '" + localBootstrap + "'");
        }
        return new EventHubsConnectionString(text.trim(), host.toLowerCase(Locale.ROOT),
                localBootstrap == null ? "" : localBootstrap);
    }

    public String host() {
        return host;
    }

    /** The namespace: the first label of the host. */
    public String namespace() {
        return host.split("\\.")[0];
    }

    public boolean local() {
        return !localBootstrap.isEmpty();
    }

    public String bootstrapServers() {
        return local() ? localBootstrap : host + ":9093";
    }

    /** Kafka client properties for Event Hubs' Kafka endpoint, with the client settings it requires. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("security.protocol", local() ? "SASL_PLAINTEXT" : "SASL_SSL");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"$ConnectionString\" password=\"" + raw.replace("\"", "\\\"") + "\";");
        // Event Hubs closes idle connections after 240 s and caps requests at 1 MB.
        p.setProperty("metadata.max.age.ms", "180000");
        p.setProperty("connections.max.idle.ms", "180000");
        p.setProperty("max.request.size", "1000000");
        p.setProperty("request.timeout.ms", "60000");
        p.setProperty("session.timeout.ms", "30000");
        return p;
    }

    @Override
    public String toString() {
        return "EventHubs{host=" + host + (local() ? ", local=" + localBootstrap : "") + ", key=***}";
    }
}
