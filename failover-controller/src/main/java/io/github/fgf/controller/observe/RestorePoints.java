package io.github.fgf.controller.observe;

import java.util.Map;

/**
 * The restore points region B could start from: the primary's savepoints in its account's
 * geo-secondary copy, with that account's Last Sync Time. Observing only reads.
 */
public interface RestorePoints {

    RestorePointObserver.Observation observe();

    /** The source's next offsets in a restore point, keys {@code topic|partition}: where the restored job resumes. */
    Map<PartitionKey, Long> sourceOffsets(String path);
}
