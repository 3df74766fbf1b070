package io.github.fgf.statetools.model;

/**
 * What {@code ship} did: the checkpoint and its relocated copy, how many referenced files were
 * copied and how many were already there (shared files of an earlier shipment), their bytes, and
 * whether the store copied server-side. {@code bytesCopied} is the cross-region egress it caused.
 */
public record ShipReport(String source, String target, long checkpointId, String checkpointCompletedAt, int filesReferenced,
                         int filesCopied, long bytesCopied, int filesAlreadyThere, long bytesAlreadyThere,
                         boolean serverSideCopy, long millis) {}
