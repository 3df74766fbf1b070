package io.github.fgf.localregions.process;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs a few slow tasks (process starts and stops) on their own threads. The common pool has a
 * parallelism of one on a two-core machine, which would serialise them.
 */
public final class Parallel {

    private Parallel() {}

    public static <T> List<T> all(List<Supplier<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()));
        try {
            List<Future<T>> futures = tasks.stream().map(t -> pool.submit(t::get)).toList();
            return futures.stream().map(Parallel::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    public static void run(List<Runnable> tasks) {
        all(tasks.stream().<Supplier<Void>>map(r -> () -> {
            r.run();
            return null;
        }).toList());
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
