package io.github.fgf.controller.geodr;

/**
 * The alias as Event Hubs reports it. {@code role} is Primary, PrimaryNotReplicating or
 * Secondary from the point of view of the namespace the client talks to; {@code paired} is false
 * once the pairing is broken (after a failover).
 */
public record GeoDrStatus(String alias, String role, boolean paired, String provisioningState, String activeRegion) {}
