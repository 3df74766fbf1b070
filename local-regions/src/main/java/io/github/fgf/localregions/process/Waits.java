package io.github.fgf.localregions.process;

import io.github.fgf.localregions.LocalRegionsException;
import io.github.fgf.localregions.LocalRegionsException.Reason;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, watching the process that should become ready. */
public final class Waits {

    private Waits() {}

    /** Waits for {@code ready}; fails fast with the log tail if {@code process} dies first. */
    public static void until(String what, ProcessRef process, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (safe(ready)) {
                return;
            }
            if (process != null && !process.alive()) {
                String tail = LogTail.ofProcess(process, 25);
                // A port that was free when drawn and taken before the server bound it: the caller may draw again.
                Reason reason = tail.contains("BindException") || tail.contains("Address already in use")
                        ? Reason.PORT_TAKEN : Reason.PROCESS_DIED;
                throw new LocalRegionsException(reason, what + " (pid " + process.pid()
                        + ") died while starting; last lines of " + process.logFile() + "(.out):"
                        + System.lineSeparator() + tail);
            }
            if (System.nanoTime() > deadline) {
                throw new LocalRegionsException(Reason.TIMEOUT, what + " was not ready after " + timeout.toSeconds()
                        + " s" + (process == null ? "" : "; see " + process.logFile()));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static boolean safe(BooleanSupplier s) {
        try {
            return s.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRegionsException(Reason.TIMEOUT, "interrupted while waiting", e);
        }
    }
}
