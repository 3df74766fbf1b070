package io.github.fgf.controller.config;

import com.fasterxml.jackson.databind.JsonNode;

/** The topology's optional {@code credential} section; secrets stay out of the file (an environment variable names them). */
final class CredentialSection {

    private CredentialSection() {}

    static Topology.Credential parse(JsonNode c) {
        if (c == null || c.isNull()) return null;
        String type = TopologyFile.text(c, "credential.type");
        String authority = c.has("authorityHost") ? TopologyFile.url(c, "credential.authorityHost") : null;
        return switch (type) {
            // clientId here selects a user-assigned managed identity; tenantId narrows the developer credentials
            case "default" -> new Topology.Credential(type, TopologyFile.optional(c, "tenantId"), TopologyFile.optional(c, "clientId"),
                    null, authority);
            case "service-principal" -> {
                if (c.has("clientSecret")) {
                    throw new TopologyException("credential.clientSecret", "secrets do not belong in the topology file; "
                            + "put the secret in an environment variable and name it in credential.clientSecretEnv");
                }
                yield new Topology.Credential(type, TopologyFile.text(c, "credential.tenantId"),
                        TopologyFile.text(c, "credential.clientId"), TopologyFile.text(c, "credential.clientSecretEnv"), authority);
            }
            default -> throw new TopologyException("credential.type", "expected default or service-principal, got '" + type + "'");
        };
    }
}
