package io.github.fgf.flinkclient;

/** {@code /overview}: TaskManagers, slots and running jobs of a cluster. */
public record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning, String flinkVersion) {}
