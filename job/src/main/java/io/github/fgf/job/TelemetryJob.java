package io.github.fgf.job;

import io.github.fgf.job.api.GeoFailoverPipeline;
import io.github.fgf.job.config.JobConfig;
import io.github.fgf.job.config.JobConfigException;
import io.github.fgf.job.config.JobOptions;
import java.io.PrintStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry job that replaces the Stream Analytics job: per-device one-minute window
 * aggregates from the input hub to the output hub. {@code flink run job-all.jar --config job.yaml [--key value]}.
 */
public final class TelemetryJob {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryJob.class);
    public static final int EXIT_BAD_CONFIG = 2;

    private TelemetryJob() {}

    public static void main(String[] args) throws Exception {
        // One line naming the key; the value of a secret option is never part of the message.
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
        } catch (JobConfigException e) {
            if (insideFlink()) {
                // A jar run over REST executes main() inside the JobManager: exiting would kill it and every job it
                // runs. The exception fails this submission only, with the same one-line message.
                throw new IllegalArgumentException("telemetry-job: " + e.getMessage());
            }
            System.err.println("telemetry-job: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        run(config);
    }

    /** Whether main() runs as a Flink program (flink run, or a jar run in the JobManager), not as a plain JVM's main. */
    static boolean insideFlink() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
    }

    /** Parses arguments, printing a config error as one line; returns null if they are bad. */
    public static JobConfig parseOrReport(String[] args, PrintStream err) {
        try {
            return JobConfig.fromArgs(args);
        } catch (JobConfigException e) {
            err.println("telemetry-job: " + e.getMessage());
            return null;
        }
    }

    public static void run(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = GeoFailoverPipeline.environment(config);
        GeoFailoverPipeline.sinkAggregates(
                GeoFailoverPipeline.aggregate(GeoFailoverPipeline.events(env, config), config), config);
        LOG.info("Submitting {} for region {} epoch {}", config.get(JobOptions.JOB_NAME), config.get(JobOptions.REGION),
                config.get(JobOptions.EPOCH));
        env.execute(config.get(JobOptions.JOB_NAME));
    }
}
