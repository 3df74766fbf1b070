package io.github.fgf.localregions.process;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process this code started: its pid plus its start instant, so that a recycled pid is never
 * mistaken for ours (we only ever signal a process whose start time matches what we recorded).
 */
public record ProcessRef(String name, long pid, long startedAtMillis, String logFile) {

    /** Start-time tolerance: /proc start times are in clock ticks, ProcessHandle rounds them. */
    private static final long START_TOLERANCE_MILLIS = 2_000;

    public static ProcessRef of(String name, Process process, Path logFile) {
        ProcessHandle handle = process.toHandle();
        long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        return new ProcessRef(name, handle.pid(), started, logFile == null ? null : logFile.toString());
    }

    /** The live handle of this exact process, if it is still running. */
    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant()
                        .map(s -> Math.abs(s.toEpochMilli() - startedAtMillis) <= START_TOLERANCE_MILLIS)
                        .orElse(false));
    }

    public boolean alive() {
        return handle().isPresent();
    }

    /** SIGKILL, as a power cut would; waits until the process is gone. */
    public void kill(Duration wait) {
        handle().ifPresent(h -> {
            h.destroyForcibly();
            awaitExit(h, wait);
        });
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    public void stop(Duration grace) {
        handle().ifPresent(h -> {
            h.destroy();
            if (!awaitExit(h, grace)) {
                h.destroyForcibly();
                awaitExit(h, Duration.ofSeconds(10));
            }
        });
    }

    private static boolean awaitExit(ProcessHandle h, Duration wait) {
        try {
            h.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        }
    }
}
