package io.github.fgf.flinkclient;

/** One job of {@code /jobs/overview}. */
public record JobSummary(JobId id, String name, JobState state) {
    public boolean terminal() {
        return state.terminal();
    }
}
