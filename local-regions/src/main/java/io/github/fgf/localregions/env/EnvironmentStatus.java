package io.github.fgf.localregions.env;

import io.github.fgf.localregions.alias.AliasClient;
import io.github.fgf.localregions.alias.PairingStatus;
import io.github.fgf.flinkclient.RestFlinkClient;
import io.github.fgf.localregions.flink.FlinkClusterLauncher;
import java.time.Duration;
import io.github.fgf.localregions.grs.LastSyncTime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code status} observes of a running environment; secrets are left out on purpose. */
public record EnvironmentStatus(String id, String state, String workDir, String aliasBootstrap, PairingStatus pairing,
                                List<ProcessStatus> processes, Map<String, RegionStatus> regions) {

    /** One recorded process and whether that exact process is still alive. */
    public record ProcessStatus(String name, long pid, boolean alive) {}

    /** One region's endpoints and health. */
    public record RegionStatus(String state, String kafkaBootstrap, String flinkRestUrl, Integer flinkTaskManagers,
                               Integer flinkSlotsAvailable, String storageUri, String secondaryUri,
                               String lastSyncTime) {}

    public static EnvironmentStatus observe(Environment env) {
        PairingStatus pairing = null;
        try {
            pairing = new AliasClient(env.alias().controlUrl()).status();
        } catch (RuntimeException e) {
            // alias down: reported as null
        }
        List<ProcessStatus> processes = env.processes().stream()
                .map(p -> new ProcessStatus(p.name(), p.pid(), p.alive())).toList();
        Map<String, RegionStatus> regions = new LinkedHashMap<>();
        for (Environment.Region r : env.regions().values()) {
            Integer tms = null;
            Integer slots = null;
            if (r.flink() != null && r.flink().jobManager() != null && r.flink().jobManager().alive()) {
                var o = FlinkClusterLauncher.overview(new RestFlinkClient(r.flink().restUrl(), Duration.ofSeconds(2),
                        Duration.ofSeconds(5)));
                tms = o == null ? null : o.taskManagers();
                slots = o == null ? null : o.slotsAvailable();
            }
            String lst = LastSyncTime.read(Path.of(r.storage().lastSyncTimeFile())).map(LastSyncTime::lastSyncTime).orElse(null);
            regions.put(r.name(), new RegionStatus(r.state(), r.kafka().bootstrap(),
                    r.flink() == null ? null : r.flink().restUrl(), tms, slots, r.storage().uri(),
                    r.storage().secondaryUri(), lst));
        }
        return new EnvironmentStatus(env.id(), env.state(), env.workDir(), env.alias().bootstrap(), pairing, processes,
                regions);
    }

    public boolean anyAlive() {
        return processes.stream().anyMatch(ProcessStatus::alive);
    }

}
