package io.github.fgf.controller.auth;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.config.TopologyException;
import java.util.Map;

/** Builds the azure-identity credential the topology names; the secret comes from the environment, checked here. */
public final class AzureCredentials {

    private AzureCredentials() {}

    public static TokenCredential build(Topology.Credential c) {
        return build(c, System.getenv());
    }

    /** With the environment passed in, so tests can check the missing-secret error without touching the process. */
    static TokenCredential build(Topology.Credential c, Map<String, String> env) {
        return switch (c.type()) {
            case "default" -> {
                DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder();
                if (c.tenantId() != null) b.tenantId(c.tenantId());
                if (c.clientId() != null) b.managedIdentityClientId(c.clientId());
                if (c.authorityHost() != null) b.authorityHost(c.authorityHost());
                yield b.build();
            }
            case "service-principal" -> {
                String secret = env.get(c.clientSecretEnv());
                if (secret == null || secret.isBlank()) {
                    throw new TopologyException("credential.clientSecretEnv", "environment variable " + c.clientSecretEnv()
                            + " is not set; it must hold the service principal's client secret");
                }
                ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().tenantId(c.tenantId())
                        .clientId(c.clientId()).clientSecret(secret);
                if (c.authorityHost() != null) b.authorityHost(c.authorityHost());
                yield b.build();
            }
            default -> throw new TopologyException("credential.type", "expected default or service-principal, got '" + c.type() + "'");
        };
    }

    /** The bearer-token supplier of an ARM endpoint: scope {@code <endpoint>/.default}. */
    public static BearerTokens forArm(TokenCredential credential, String armEndpoint) {
        return new BearerTokens(credential, armEndpoint.replaceAll("/+$", "") + "/.default", java.time.Clock.systemUTC());
    }
}
