package io.github.fgf.localregions.flink;

import io.github.fgf.flinkclient.ClusterOverview;
import io.github.fgf.flinkclient.FlinkClientException;
import io.github.fgf.flinkclient.RestFlinkClient;

import io.github.fgf.localregions.azurite.AzuriteServer;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.localregions.process.JvmLauncher;
import io.github.fgf.localregions.process.JvmService;
import io.github.fgf.localregions.process.PortPlan;
import io.github.fgf.localregions.process.ProcessRef;
import io.github.fgf.localregions.process.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink 1.20 session cluster from Maven jars: StandaloneSessionClusterEntrypoint plus one
 * TaskManagerRunner, with resource flags computed by BashJavaUtils as Flink's own scripts do.
 */
public final class FlinkClusterLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkClusterLauncher.class);

    private final JvmLauncher jvm;
    private final Path logDir;

    public FlinkClusterLauncher(JvmLauncher jvm, Path logDir) {
        this.jvm = jvm;
        this.logDir = logDir;
    }

    /**
     * Writes the cluster's config.yaml, Azure filesystem in WASB emulator mode included.
     *
     * @param restBindHost where REST binds (a container publishes it from its interface); RPC stays on localhost,
     *     which only the cluster's own processes use
     */
    public Environment.Flink configure(String region, Path regionDir, String restBindHost, int restPort, int rpcPort, int slots) {
        Path confDir = regionDir.resolve("flink-conf");
        Path tmp = regionDir.resolve("flink-tmp");
        List<String> lines = List.of(
                "# Flink session cluster of region " + region + " (local environment)",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: localhost",
                "jobmanager.memory.process.size: 1024m",
                "taskmanager.bind-host: localhost",
                "taskmanager.host: localhost",
                "taskmanager.numberOfTaskSlots: " + slots,
                "taskmanager.memory.process.size: 1280m",
                "rest.address: localhost",
                "rest.bind-address: " + (PortPlan.LOOPBACK.equals(restBindHost) ? "localhost" : restBindHost),
                "rest.port: " + restPort,
                "web.submit.enable: true",
                "web.upload.dir: " + regionDir.resolve("flink-upload"),
                "io.tmp.dirs: " + tmp,
                "blob.server.port: 0",
                "state.backend.type: rocksdb",
                "state.backend.incremental: true",
                // Small state goes to real files rather than into _metadata, as production-sized state does,
                // so that verify, prune and the GRS emulator always have files to work on.
                "state.storage.fs.memory-threshold: 1kb",
                // Read by the JobManager, not per job: several retained checkpoints to fall back on and to prune.
                "state.checkpoints.num-retained: 3",
                "heartbeat.timeout: 15000",
                // A TaskManager that died (SIGKILL, a crash test) is declared lost after heartbeat.rpc-failure-threshold (2)
                // refused heartbeats: 20 s at the default 10 s interval, 4 s at this one. A live but starved process
                // still has the whole timeout.
                "heartbeat.interval: 2000",
                // Flink's REST metrics are refreshed at most this often (10 s by default). A failover's verify waits
                // for the new job's source positions, which come from those metrics, so the default adds up to 10 s.
                "metrics.fetcher.update-interval: 1 s",
                "fs.azure.storage.emulator.account.name: " + AzuriteServer.ACCOUNT);
        try {
            Files.createDirectories(confDir);
            Files.createDirectories(tmp);
            Files.createDirectories(regionDir.resolve("flink-upload"));
            Files.write(confDir.resolve("config.yaml"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Environment.Flink("http://localhost:" + restPort, restPort, rpcPort, confDir.toString(), null, null);
    }

    /** A JobManager's or TaskManager's JVM flags and dynamic properties, as Flink's start scripts compute them. */
    record ResourceParams(List<String> jvmFlags, List<String> dynamicProperties) {}

    /**
     * What {@code BashJavaUtils GET_JM_RESOURCE_PARAMS} prints, computed with the same Flink calls in this JVM: a JVM of
     * its own per process cost some 4 s of start-up on two cores, on the critical path of every up and revive.
     */
    static ResourceParams jobManagerParams(Path confDir) {
        Configuration config = GlobalConfiguration.loadConfiguration(confDir.toString());
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(config,
                JobManagerOptions.JVM_HEAP_MEMORY);
        return new ResourceParams(split(JobManagerProcessUtils.generateJvmParametersStr(spec, config)),
                split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
    }

    /** What {@code BashJavaUtils GET_TM_RESOURCE_PARAMS} prints, computed in this JVM. */
    static ResourceParams taskManagerParams(Path confDir) {
        Configuration config = TaskExecutorProcessUtils.getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(
                GlobalConfiguration.loadConfiguration(confDir.toString()), TaskManagerOptions.TOTAL_FLINK_MEMORY);
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        return new ResourceParams(split(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
    }

    private static List<String> withLightRuntime(List<String> memoryFlags) {
        List<String> flags = new ArrayList<>(memoryFlags);
        flags.addAll(JvmLauncher.LIGHT_RUNTIME);
        return flags;
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    public ProcessRef startJobManager(String region, Environment.Flink flink) {
        ProcessRef ref = jvm.start(jobManagerService(region, flink, logDir));
        LOG.info("Started the Flink JobManager of region {} (pid {}), REST {}", region, ref.pid(), flink.restUrl());
        return ref;
    }

    public ProcessRef startTaskManager(String region, Environment.Flink flink) {
        ProcessRef ref = jvm.start(taskManagerService(region, flink, logDir));
        LOG.info("Started the Flink TaskManager of region {} (pid {})", region, ref.pid());
        return ref;
    }

    /** The JobManager's JVM, its memory flags computed from its config.yaml as Flink's start scripts do. */
    public static JvmService jobManagerService(String region, Environment.Flink flink, Path logDir) {
        return service("flink-jobmanager-" + region, jobManagerParams(Path.of(flink.configDir())), flink,
                logDir.resolve("flink-" + region + "-jobmanager.log"),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
    }

    /** The TaskManager's JVM, its memory flags computed from its config.yaml as Flink's start scripts do. */
    public static JvmService taskManagerService(String region, Environment.Flink flink, Path logDir) {
        return service("flink-taskmanager-" + region, taskManagerParams(Path.of(flink.configDir())), flink,
                logDir.resolve("flink-" + region + "-taskmanager.log"), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
    }

    private static JvmService service(String name, ResourceParams p, Environment.Flink flink, Path logFile, String mainClass) {
        List<String> args = new ArrayList<>(List.of("--configDir", flink.configDir()));
        args.addAll(p.dynamicProperties());
        return new JvmService(name, withLightRuntime(p.jvmFlags()), logFile, mainClass, args);
    }

    /** Ready once REST answers /overview with a registered TaskManager and a free slot. */
    public static void awaitReady(String region, Environment.Flink flink, Duration timeout) {
        RestFlinkClient rest = new RestFlinkClient(flink.restUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        Waits.until("Flink JobManager of region " + region, flink.jobManager(), timeout, () -> overview(rest) != null);
        Waits.until("Flink TaskManager of region " + region, flink.taskManager(), timeout, () -> {
            ClusterOverview o = overview(rest);
            return o != null && o.taskManagers() >= 1 && o.slotsAvailable() >= 1;
        });
    }

    /** The cluster's overview, or null while its REST endpoint does not answer. */
    public static ClusterOverview overview(RestFlinkClient rest) {
        try {
            return rest.overview();
        } catch (FlinkClientException e) {
            return null;
        }
    }
}
