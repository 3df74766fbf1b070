package io.github.fgf.statetools.model;

import java.util.List;

/** What {@code prune} kept and deleted (or would delete, with --dry-run). */
public record PruneReport(boolean dryRun, List<String> keptSnapshots, List<String> deletedSnapshots,
                          List<String> deletedFiles, int sharedFilesKept) {}
