package io.github.fgf.controller.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fgf.controller.config.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code topology from-env}'s work: a topology file's content for the local environment. */
public final class LocalTopology {

    private LocalTopology() {}

    /** A topology for the local environment: both regions, the local alias, the shaded job jar. */
    public static ObjectNode fromEnvironment(LocalEnvironment env, Path jobJar) {
        return fromEnvironment(env, jobJar, java.util.Optional.empty());
    }

    /** As {@link #fromEnvironment(LocalEnvironment, Path)}, every submitted job reading {@code jobConfig} first. */
    public static ObjectNode fromEnvironment(LocalEnvironment env, Path jobJar, java.util.Optional<Path> jobConfig) {
        ObjectNode root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        for (String name : List.of("primary", "secondary")) {
            LocalEnvironment.Region r = env.region(name);
            ObjectNode n = root.putObject(name);
            n.put("name", r.name());
            n.put("namespace", r.namespace());
            n.put("eventHubsConnectionString", r.kafka().connectionString());
            n.put("eventHubsBootstrap", r.kafka().bootstrap());
            n.put("hubProbe", "kafka");
            n.put("flinkRestUrl", r.flink().restUrl());
            ObjectNode s = n.putObject("storage");
            s.put("checkpoints", r.storage().checkpointsUri());
            s.put("savepoints", r.storage().savepointsUri());
            s.put("secondarySavepoints", r.storage().secondaryUri() + "savepoints");
            s.put("lastSyncTimeFrom", "local:" + r.storage().lastSyncTimeFile());
            // Into the other region's own container (next to its checkpoints), which a loss of this region leaves alone.
            String other = env.region(name.equals("primary") ? "secondary" : "primary").storage().checkpointsUri();
            s.put("shipCheckpointsTo", other.replaceAll("/checkpoints/?$", "") + "/shipped-checkpoints");
        }
        ObjectNode a = root.putObject("alias");
        a.put("type", "local");
        a.put("name", env.alias().name());
        a.put("controlUrl", env.alias().controlUrl());
        a.put("connectionString", env.alias().connectionString());
        a.put("bootstrap", env.alias().bootstrap());
        if (env.alias().geoReplication()) a.put("mode", "geo-replication");
        ObjectNode j = root.putObject("job");
        j.put("jar", jobJar.toAbsolutePath().toString());
        // The JobManagers run on this machine: the secret reaches the job as an owner-only file, not as an argument.
        j.put("connectionStringFile", aliasSecretFile(env).toString());
        j.put("entryClass", "io.github.fgf.job.TelemetryJob");
        var args = j.putArray("args");
        jobConfig.ifPresent(c -> args.add("--config").add(c.toAbsolutePath().toString()));
        j.put("parallelism", 1);
        Topology.Policy d = Topology.Policy.defaults();
        ObjectNode p = root.putObject("policy");
        p.put("maxRpo", d.maxRpo().toString());
        p.put("probeInterval", d.probeInterval().toString());
        p.put("failureThreshold", d.failureThreshold());
        p.put("savepointInterval", d.savepointInterval().toString());
        p.put("savepointRetention", d.savepointRetention());
        p.put("savepointMaxAge", d.savepointMaxAge().toString());
        p.put("lossRule", d.lossRule().key());
        p.put("isolationCheck", d.isolationCheck());
        return root;
    }

    /** Writes the alias' connection string to an owner-only file in the environment's work directory. */
    private static Path aliasSecretFile(LocalEnvironment env) {
        Path f = Path.of(env.workDir()).resolve("alias-connection-string");
        try {
            Files.deleteIfExists(f);
            Files.createFile(f, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, env.alias().connectionString());
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
