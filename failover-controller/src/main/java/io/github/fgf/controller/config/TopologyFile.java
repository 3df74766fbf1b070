package io.github.fgf.controller.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Reads, validates and writes topology files (JSON). Durations are ISO-8601 or 30s/5m/1h. */
public final class TopologyFile {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TopologyFile() {}

    public static Topology read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new TopologyException(file.toString(), "not valid JSON at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new TopologyException(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(root);
    }

    static Topology parse(JsonNode root) {
        Topology.Credential credential = CredentialSection.parse(root.get("credential"));
        Topology.Region primary = region(root, "primary", credential);
        Topology.Region secondary = region(root, "secondary", credential);
        JsonNode a = required(root, "alias");
        String type = text(a, "alias.type");
        Topology.Alias.Mode mode = mode(a);
        Topology.Alias.GeoReplication geo = mode == Topology.Alias.Mode.GEO_REPLICATION ? geoReplication(a, type, primary, secondary) : null;
        Topology.Alias alias = switch (type) {
            case "local" -> new Topology.Alias(type, text(a, "alias.name"), null, null, url(a, "alias.controlUrl"),
                    text(a, "alias.connectionString"), text(a, "alias.bootstrap"), mode, geo);
            case "arm" -> new Topology.Alias(type, text(a, "alias.name"), armId(a, mode),
                    a.has("armEndpoint") ? url(a, "alias.armEndpoint") : Topology.Alias.DEFAULT_ARM_ENDPOINT, null,
                    text(a, "alias.connectionString"), optional(a, "bootstrap"), mode, geo);
            default -> throw new TopologyException("alias.type", "expected arm or local, got '" + type + "'");
        };
        if (type.equals("arm")) {
            if (credential == null) {
                throw new TopologyException("credential", "missing; alias.type arm calls Azure Resource Manager, which needs "
                        + "an Azure AD credential ({\"type\": \"default\"} or \"service-principal\")");
            }
            for (Topology.Region r : mode == Topology.Alias.Mode.GEO_DR ? List.of(primary, secondary) : List.<Topology.Region>of()) {
                if (r.eventHubsResourceId() == null) {
                    throw new TopologyException(r.key() + ".eventHubsResourceId", "missing; alias.type arm pairs the alias "
                            + "again on failback by the namespace's resource id");
                }
            }
        }
        JsonNode j = required(root, "job");
        List<String> args = j.has("args") ? JSON.convertValue(j.get("args"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class)) : List.of();
        int parallelism = j.path("parallelism").asInt(1);
        if (parallelism < 1) throw new TopologyException("job.parallelism", "expected >= 1, got " + parallelism);
        for (String secret : List.of("--eventhubs.connection-string")) {
            if (args.contains(secret)) {
                throw new TopologyException("job.args", "must not hold " + secret + ": program arguments show in Flink's UI and REST API;"
                        + " give job.connectionStringFile or job.connectionStringEnv");
            }
        }
        String csFile = optional(j, "connectionStringFile");
        String csEnv = optional(j, "connectionStringEnv");
        boolean inArgs = args.contains("--eventhubs.connection-string-file") || args.contains("--eventhubs.connection-string-env");
        if ((csFile != null ? 1 : 0) + (csEnv != null ? 1 : 0) + (inArgs ? 1 : 0) > 1) {
            throw new TopologyException("job", "give the connection string's source once: job.connectionStringFile, "
                    + "job.connectionStringEnv or --eventhubs.connection-string-file/-env in job.args");
        }
        Topology.JobSpec job = new Topology.JobSpec(text(j, "job.jar"), text(j, "job.entryClass"), args, parallelism, csFile, csEnv);
        Topology.Policy d = Topology.Policy.defaults();
        JsonNode p = root.path("policy");
        int threshold = p.path("failureThreshold").asInt(d.failureThreshold());
        if (threshold < 1) throw new TopologyException("policy.failureThreshold", "expected >= 1, got " + threshold);
        int retention = p.path("savepointRetention").asInt(d.savepointRetention());
        if (retention < 1) throw new TopologyException("policy.savepointRetention", "expected >= 1, got " + retention);
        io.github.fgf.controller.decide.LossRule rule;
        try {
            rule = io.github.fgf.controller.decide.LossRule.parse(p.path("lossRule").asText(d.lossRule().key()));
        } catch (IllegalArgumentException e) {
            throw new TopologyException("policy.lossRule", e.getMessage());
        }
        JsonNode iso = p.path("isolationCheck");
        if (!iso.isMissingNode() && !iso.isBoolean()) {
            throw new TopologyException("policy.isolationCheck", "expected true or false, got '" + iso.asText() + "'");
        }
        Topology.Policy policy = new Topology.Policy(duration(p, "maxRpo", d.maxRpo()), duration(p, "probeInterval", d.probeInterval()),
                threshold, duration(p, "savepointInterval", d.savepointInterval()), retention,
                duration(p, "savepointMaxAge", d.savepointMaxAge()), rule, iso.asBoolean(d.isolationCheck()));
        if (primary.name().equals(secondary.name())) {
            throw new TopologyException("secondary.name", "must differ from primary.name ('" + primary.name() + "')");
        }
        return new Topology(primary, secondary, alias, job, policy, credential);
    }

    private static Topology.Region region(JsonNode root, String key, Topology.Credential credential) {
        JsonNode r = required(root, key);
        JsonNode s = required(r, key + ".storage");
        String connectionString = r.has("eventHubsConnectionString") ? text(r, key + ".eventHubsConnectionString") : null;
        if (connectionString == null && credential == null) {
            throw new TopologyException(key + ".eventHubsConnectionString", "missing; give the namespace's connection string, "
                    + "or a top-level credential with " + key + ".eventHubsResourceId");
        }
        String resourceId = r.has("eventHubsResourceId") ? namespaceId(r, key + ".eventHubsResourceId") : null;
        String bootstrap = optional(r, "eventHubsBootstrap");
        return new Topology.Region(key, text(r, key + ".name"), text(r, key + ".namespace"), connectionString, resourceId,
                bootstrap, hubProbe(r, key, bootstrap), url(r, key + ".flinkRestUrl"),
                new Topology.Storage(text(s, key + ".storage.checkpoints"), text(s, key + ".storage.savepoints"),
                        text(s, key + ".storage.secondarySavepoints"), text(s, key + ".storage.lastSyncTimeFrom"),
                        s.has("shipCheckpointsTo") ? location(s, key + ".storage.shipCheckpointsTo") : null));
    }

    /** Default: the Kafka endpoint where a bootstrap is configured (the local brokers), else the Event Hubs client. */
    private static Topology.HubProbe hubProbe(JsonNode r, String key, String bootstrap) {
        if (!r.has("hubProbe")) return bootstrap != null ? Topology.HubProbe.KAFKA : Topology.HubProbe.EVENTHUBS;
        String v = text(r, key + ".hubProbe");
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "eventhubs" -> Topology.HubProbe.EVENTHUBS;
            case "kafka" -> Topology.HubProbe.KAFKA;
            default -> throw new TopologyException(key + ".hubProbe", "expected eventhubs or kafka, got '" + v + "'");
        };
    }

    private static String namespaceId(JsonNode r, String path) {
        String id = text(r, path);
        if (!id.matches("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.EventHub/namespaces/[^/]+")) {
            throw new TopologyException(path, "expected /subscriptions/<id>/resourceGroups/<rg>/providers/"
                    + "Microsoft.EventHub/namespaces/<namespace>");
        }
        return id;
    }

    private static Topology.Alias.Mode mode(JsonNode a) {
        String m = optional(a, "mode");
        if (m == null) return Topology.Alias.Mode.GEO_DR;
        for (Topology.Alias.Mode v : Topology.Alias.Mode.values()) if (v.key.equals(m)) return v;
        throw new TopologyException("alias.mode", "expected geo-dr or geo-replication, got '" + m + "'");
    }

    /** Locally the replicas' locations are the region names; in ARM they are Azure locations, given. */
    private static Topology.Alias.GeoReplication geoReplication(JsonNode a, String type, Topology.Region primary, Topology.Region secondary) {
        if (type.equals("local")) return new Topology.Alias.GeoReplication(primary.name(), secondary.name(), null, null);
        Duration grace = duration(a, "gracePeriod", null);
        return new Topology.Alias.GeoReplication(text(a, "alias.primaryLocation"), text(a, "alias.secondaryLocation"),
                a.hasNonNull("apiVersion") ? a.get("apiVersion").asText() : io.github.fgf.controller.geodr.ArmGeoReplicationClient.API_VERSION,
                grace);
    }

    private static String armId(JsonNode a, Topology.Alias.Mode mode) {
        String id = text(a, "alias.resourceId");
        if (mode == Topology.Alias.Mode.GEO_REPLICATION) {
            if (!id.matches("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.EventHub/namespaces/[^/]+")) {
                throw new TopologyException("alias.resourceId", "expected /subscriptions/<id>/resourceGroups/<rg>/providers/"
                        + "Microsoft.EventHub/namespaces/<namespace> (alias.mode geo-replication promotes the namespace itself)");
            }
            return id;
        }
        if (!id.matches("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.EventHub/namespaces/[^/]+"
                + "/disasterRecoveryConfigs/[^/]+")) {
            throw new TopologyException("alias.resourceId", "expected /subscriptions/<id>/resourceGroups/<rg>/providers/"
                    + "Microsoft.EventHub/namespaces/<secondary-ns>/disasterRecoveryConfigs/<alias>");
        }
        return id;
    }

    static JsonNode required(JsonNode n, String path) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new TopologyException(path, "missing");
        return v;
    }

    static String text(JsonNode n, String path) {
        JsonNode v = required(n, path);
        if (!v.isTextual() || v.asText().isBlank()) throw new TopologyException(path, "expected a non-empty string");
        return v.asText();
    }

    static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String location(JsonNode n, String path) {
        String v = text(n, path);
        try {
            io.github.fgf.statetools.location.SnapshotUri.parse(v);
        } catch (IllegalArgumentException e) {
            throw new TopologyException(path, "expected a file://, wasb(s):// or abfs(s):// directory");
        }
        return v.replaceAll("/+$", "");
    }

    static String url(JsonNode n, String path) {
        String v = text(n, path);
        if (!v.startsWith("http://") && !v.startsWith("https://")) {
            throw new TopologyException(path, "expected an http(s):// URL, got '" + v + "'");
        }
        return v.replaceAll("/+$", "");
    }

    static Duration duration(JsonNode policy, String field, Duration def) {
        JsonNode v = policy.get(field);
        if (v == null || v.isNull()) return def;
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) return Duration.parse(v.asText().trim());
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new TopologyException("policy." + field, "expected a duration such as 30s, 5m, 1h or PT5M, got '" + v.asText() + "'");
        }
    }

    public static void write(Path file, ObjectNode topology) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(topology));
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX filesystem: permissions as the directory gives them
        }
    }
}
