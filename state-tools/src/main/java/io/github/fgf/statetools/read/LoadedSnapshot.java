package io.github.fgf.statetools.read;

import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.store.StoredFile;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/** A snapshot directory with its parsed {@code _metadata} and that file's blob properties. */
public record LoadedSnapshot(SnapshotUri dir, StoredFile metadataFile, CheckpointMetadata metadata, int formatVersion) {

    /** {@code canonical-savepoint}, {@code native-savepoint} or {@code checkpoint}. */
    public String type() {
        var props = metadata.getCheckpointProperties();
        if (props != null && props.getCheckpointType() instanceof org.apache.flink.runtime.checkpoint.SavepointType sp) {
            return sp.getFormatType().name().toLowerCase(java.util.Locale.ROOT) + "-savepoint";
        }
        if (props != null) return "checkpoint";
        return dir.path().contains("/chk-") ? "checkpoint" : "savepoint";
    }
}
