package io.github.fgf.controller.cluster;

import io.github.fgf.controller.config.Topology;
import io.github.fgf.flinkclient.FlinkClient;
import io.github.fgf.flinkclient.RestFlinkClient;
import java.time.Duration;

/** The Flink cluster of each region, as the runners and probes reach it. Tests pass fakes. */
@FunctionalInterface
public interface FlinkClients {

    FlinkClient of(Topology.Region region);

    /** Flink's REST API at each region's {@code flinkRestUrl}. */
    static FlinkClients rest() {
        return r -> new RestFlinkClient(r.flinkRestUrl());
    }

    /**
     * As {@link #rest()} with short timeouts, for the probe: a region that does not answer within a
     * few seconds counts as failing now, rather than holding the round (and detection) for half a minute.
     */
    static FlinkClients probing(Duration timeout) {
        return r -> new RestFlinkClient(r.flinkRestUrl(), timeout, timeout);
    }
}
