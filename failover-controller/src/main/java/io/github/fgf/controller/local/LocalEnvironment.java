package io.github.fgf.controller.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the controller reads of local-regions' {@code environment.json}: endpoints, connection
 * strings and containers, nothing of the processes. Fields it does not know are ignored, so the
 * environment can grow without breaking the controller.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalEnvironment(String workDir, Alias alias, Map<String, Region> regions) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alias(String name, String bootstrap, String controlUrl, String connectionString, String eventHubs) {

        public Alias(String name, String bootstrap, String controlUrl, String connectionString) {
            this(name, bootstrap, controlUrl, connectionString, null);
        }

        /** {@code up --event-hubs geo-replication}: the host name is a Geo-Replication namespace's, not a Geo-DR alias'. */
        public boolean geoReplication() {
            return "geo-replication".equals(eventHubs);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Region(String name, String namespace, Kafka kafka, Flink flink, Storage storage) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Kafka(String bootstrap, String connectionString) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Flink(String restUrl) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Storage(String checkpointsUri, String savepointsUri, String secondaryUri, String lastSyncTimeFile) {}

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads an environment file; one clear line when it is missing or unreadable. */
    public static LocalEnvironment read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no local environment at " + file + "; start one with 'bin/local-regions up'");
        }
        try {
            return JSON.readValue(file.toFile(), LocalEnvironment.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("environment file " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    public Region region(String name) {
        Region r = regions == null ? null : regions.get(name);
        if (r == null) {
            throw new IllegalArgumentException("the local environment has no region '" + name + "'; it has "
                    + (regions == null ? "none" : regions.keySet()));
        }
        return r;
    }
}
