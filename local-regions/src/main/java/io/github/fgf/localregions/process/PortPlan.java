package io.github.fgf.localregions.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each server of the environment listens. {@code bin/local-regions up} draws free ports, so that environments
 * and test runs share a machine; docker-compose.yml publishes fixed ones, which {@link #COMPOSE} names and a test keeps
 * equal to the compose file.
 *
 * @param bindHost where the client-facing listeners bind (the Kafka and alias listeners, Flink's REST endpoint):
 *     loopback on a machine, every interface in a container, whose published ports arrive on its network interface,
 *     not on loopback. Clients are always told 127.0.0.1, which a published port also reaches from the host
 * @param regions one entry per region, in the options' order (the first is the primary)
 */
public record PortPlan(String bindHost, int alias, int aliasControl, List<RegionPorts> regions) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final String ANY = "0.0.0.0";

    /** One region's ports: its namespace's Kafka listener, KRaft controller and alias listener, and Flink's REST and RPC. */
    public record RegionPorts(int kafka, int kafkaController, int kafkaAliasListener, int flinkRest, int flinkRpc) {}

    /**
     * The compose file's ports: the alias on the real endpoint's 9093, then each region's, Flink's REST on 18081 and
     * 18082. All below {@link Ports#free()}'s range, so that a compose plan and drawn environments never collide on
     * one machine. Azurite keeps 10000, which WASB emulator mode requires.
     */
    public static final PortPlan COMPOSE = new PortPlan(ANY, 9093, 9180, List.of(
            new RegionPorts(19093, 19094, 19095, 18081, 16123),
            new RegionPorts(19193, 19194, 19195, 18082, 16124)));

    /** Free loopback ports for {@code regionCount} regions; {@code aliasPort} 0 draws the alias' too. */
    public static PortPlan free(int aliasPort, int regionCount) {
        int alias = aliasPort == 0 ? Ports.free() : aliasPort;
        List<RegionPorts> regions = new ArrayList<>();
        for (int i = 0; i < regionCount; i++) {
            regions.add(new RegionPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free()));
        }
        return new PortPlan(LOOPBACK, alias, Ports.free(), List.copyOf(regions));
    }

    /** The same ports, every listener on loopback: a compose plan on a machine that must not expose it (a test). */
    public PortPlan onLoopback() {
        return new PortPlan(LOOPBACK, alias, aliasControl, regions);
    }

    /** Every port of the plan. */
    public List<Integer> all() {
        List<Integer> ports = new ArrayList<>(List.of(alias, aliasControl));
        regions.forEach(r -> ports.addAll(List.of(r.kafka(), r.kafkaController(), r.kafkaAliasListener(), r.flinkRest(), r.flinkRpc())));
        return List.copyOf(ports);
    }

    public RegionPorts region(int index) {
        return regions.get(index);
    }

    /** Every port a client outside the servers' own network reaches: what a container publishes. */
    public List<Integer> published() {
        List<Integer> ports = new ArrayList<>(List.of(alias));
        regions.forEach(r -> {
            ports.add(r.kafka());
            ports.add(r.flinkRest());
        });
        return List.copyOf(ports);
    }
}
