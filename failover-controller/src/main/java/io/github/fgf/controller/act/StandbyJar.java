package io.github.fgf.controller.act;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.FlinkClientException;
import io.github.fgf.flinkclient.UploadedJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job jar, ready in the secondary's session cluster before any loss: {@code watch} uploads it
 * while the primary is healthy, and a failover's {@code submit} runs that upload instead of sending
 * the jar again (a shaded job jar is tens of MB: seconds of RTO). A jar counts as ready when the
 * cluster lists one of the same file name uploaded after the local file last changed.
 */
public final class StandbyJar {

    private static final Logger LOG = LoggerFactory.getLogger(StandbyJar.class);

    private StandbyJar() {}

    /** The id of the jar already uploaded to this cluster, if it is the current one. */
    public static Optional<String> ready(FlinkClient cluster, Path jar) throws FlinkClientException {
        Instant changed;
        try {
            changed = Files.getLastModifiedTime(jar).toInstant();
        } catch (IOException e) {
            return Optional.empty(); // the upload that follows names the missing file
        }
        String name = jar.getFileName().toString();
        return cluster.jars().stream().filter(j -> j.name().equals(name) && !j.uploadedAt().isBefore(changed))
                .map(UploadedJar::id).findFirst();
    }

    /** Uploads the topology's jar to the secondary unless it is there already; returns its id. */
    public static String prepare(Topology topology, FlinkClient secondary) throws FlinkClientException {
        Path jar = Path.of(topology.job().jar());
        Optional<String> ready = ready(secondary, jar);
        if (ready.isPresent()) return ready.get();
        String id = secondary.upload(jar);
        LOG.info("Uploaded {} to {} ahead of any failover: a failover's submit then only runs it", jar.getFileName(),
                topology.secondary().name());
        return id;
    }
}
