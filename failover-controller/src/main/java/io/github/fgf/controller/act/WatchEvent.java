package io.github.fgf.controller.act;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.fgf.controller.observe.RegionProbe;
import java.time.Instant;

/**
 * What the watch loop saw or did, one event at a time: every probe round, each savepoint and checkpoint shipment, the
 * moment the primary is declared lost, and the start of an automatic failover. {@code watch --json}
 * prints each as a JSON line; the text output prints only what an operator must act on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchEvent(Type type, Instant at, String region, String state, Integer consecutiveFailures, String reason,
                         RegionProbe.Result probe, String savepoint, Integer pruned, CheckpointShipper.Shipment shipment) {

    public enum Type { ROUND, SAVEPOINT, SAVEPOINT_FAILED, CHECKPOINT_SHIPPED, SHIPPING_FAILED, LOST, FAILING_OVER }

    public WatchEvent(Type type, Instant at, String region, String state, Integer consecutiveFailures, String reason,
                      RegionProbe.Result probe, String savepoint, Integer pruned) {
        this(type, at, region, state, consecutiveFailures, reason, probe, savepoint, pruned, null);
    }

    public static WatchEvent shipped(Instant at, String region, CheckpointShipper.Shipment s) {
        return new WatchEvent(Type.CHECKPOINT_SHIPPED, at, region, null, null, null, null, null,
                s.pruned().deletedSnapshots().size(), s);
    }

    public static WatchEvent shippingFailed(Instant at, String region, String reason) {
        return new WatchEvent(Type.SHIPPING_FAILED, at, region, null, null, reason, null, null, null);
    }

    public static WatchEvent round(RegionProbe.Result r, String state, int failures, String reason) {
        return new WatchEvent(Type.ROUND, r.at(), r.region(), state, failures, reason, r, null, null);
    }

    public static WatchEvent savepoint(Instant at, String region, String path, int pruned) {
        return new WatchEvent(Type.SAVEPOINT, at, region, null, null, null, null, path, pruned);
    }

    public static WatchEvent savepointFailed(Instant at, String region, String reason) {
        return new WatchEvent(Type.SAVEPOINT_FAILED, at, region, null, null, reason, null, null, null);
    }

    public static WatchEvent lost(Instant at, String region, int failures, String reason) {
        return new WatchEvent(Type.LOST, at, region, "lost", failures, reason, null, null, null);
    }

    public static WatchEvent failingOver(Instant at, String region, int failures, String reason) {
        return new WatchEvent(Type.FAILING_OVER, at, region, "failing-over", failures, reason, null, null, null);
    }
}
