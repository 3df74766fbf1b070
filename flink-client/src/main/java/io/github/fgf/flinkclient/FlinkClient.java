package io.github.fgf.flinkclient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the failover controller and local-regions do with a Flink cluster. One implementation
 * speaks REST ({@link RestFlinkClient}); tests pass hand-written fakes with failure switches.
 */
public interface FlinkClient {

    /** Uploads a job jar; returns the id to run it by. */
    String upload(Path jar) throws FlinkClientException;

    /** The jars uploaded to this cluster, newest first. */
    java.util.List<UploadedJar> jars() throws FlinkClientException;

    /**
     * Runs an uploaded jar; returns the job's id. With a chosen JobID that Flink already has, throws
     * {@link FlinkClientException.DuplicateJob}.
     */
    JobId run(RunRequest request) throws FlinkClientException;

    List<JobSummary> jobs() throws FlinkClientException;

    JobState state(JobId job) throws FlinkClientException;

    CheckpointStats checkpoints(JobId job) throws FlinkClientException;

    /**
     * How far a running job's Kafka sources have read, per partition: the offset after the last record each handed
     * on to the job (the connector's {@code currentOffset} metric plus one). A partition it has not read a record of
     * is absent. Flink's REST metrics lag behind by up to {@code metrics.fetcher.update-interval}, so a position is
     * never ahead of the job.
     */
    java.util.Map<KafkaPartition, Long> kafkaSourcePositions(JobId job) throws FlinkClientException;

    /** Triggers a savepoint of a running job and waits for its path. */
    String triggerSavepoint(JobId job, String targetDirectory, SavepointFormat format, Duration timeout) throws FlinkClientException;

    /** Stops the job with a savepoint (no drain) and waits for its path. */
    String stopWithSavepoint(JobId job, String targetDirectory, Duration timeout) throws FlinkClientException;

    void cancel(JobId job) throws FlinkClientException;

    ClusterOverview overview() throws FlinkClientException;
}
