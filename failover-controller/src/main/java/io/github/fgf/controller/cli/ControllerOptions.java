package io.github.fgf.controller.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.fgf.controller.act.ControllerIdentity;
import io.github.fgf.controller.config.Topology;
import com.azure.core.credential.TokenCredential;
import io.github.fgf.controller.auth.AzureCredentials;
import io.github.fgf.controller.geodr.ArmGeoDrClient;
import io.github.fgf.controller.geodr.GeoDrClient;
import io.github.fgf.controller.observe.EndOffsetsProbe;
import io.github.fgf.controller.observe.EventHubsEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndOffsetsProbe;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.controller.local.LocalGeoDrClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the verbs that act on a topology. */
public final class ControllerOptions {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Option(names = "--topology", required = true, description = "The topology file.")
    Path topology;

    @Option(names = "--state-dir", defaultValue = ".failover-controller",
            description = "Local copy of the failover record, the audit log and the last probe. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    private TokenCredential credential;

    /** Stable across restarts of the same controller (same state dir), distinct for every other instance. */
    String controllerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return ControllerIdentity.of(host, stateDir);
    }

    GeoDrClient geoDr(Topology t) {
        if (t.alias().geoReplicated()) {
            Topology.Alias.GeoReplication g = t.alias().geoReplication();
            var namespace = t.alias().type().equals("local") ? new io.github.fgf.controller.local.LocalGeoReplicationClient(t.alias().controlUrl())
                    : new io.github.fgf.controller.geodr.ArmGeoReplicationClient(t.alias().armEndpoint(), t.alias().resourceId(), g.apiVersion(),
                            g.gracePeriod(), AzureCredentials.forArm(credential(t), t.alias().armEndpoint()),
                            ArmGeoDrClient.DEFAULT_POLL_INTERVAL, ArmGeoDrClient.DEFAULT_TIMEOUT);
            return new io.github.fgf.controller.geodr.GeoReplicationPairing(namespace,
                    java.util.Map.of(t.primary().name(), g.primaryLocation(), t.secondary().name(), g.secondaryLocation()));
        }
        if (t.alias().type().equals("local")) return new LocalGeoDrClient(t.alias().controlUrl());
        return new ArmGeoDrClient(t.alias().armEndpoint(), t.alias().resourceId(),
                AzureCredentials.forArm(credential(t), t.alias().armEndpoint()), ArmGeoDrClient.DEFAULT_POLL_INTERVAL,
                ArmGeoDrClient.DEFAULT_TIMEOUT);
    }

    /** The topology's Azure AD credential, built once per command (its token caches live inside it). */
    TokenCredential credential(Topology t) {
        if (credential == null && t.credential() != null) credential = AzureCredentials.build(t.credential());
        return credential;
    }

    /** The end-offsets probe the region's topology asks for: Event Hubs client in Azure, Kafka endpoint locally. */
    EndOffsetsProbe hubProbe(Topology t, Topology.Region r) {
        return r.hubProbe() == Topology.HubProbe.KAFKA
                ? new KafkaEndOffsetsProbe(KafkaEndpoint.clientProperties(r, "hubProbe kafka"))
                : EventHubsEndOffsetsProbe.forRegion(r, credential(t));
    }
}
