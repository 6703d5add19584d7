package org.sipbridge.tm;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The server's transaction timers: one daemon thread ("tm-timer") that only hands each due
 * task to its owner (the worker of the transaction), so it never runs SIP work itself and
 * never blocks a worker. Cancelled timers leave the queue at once.
 */
public final class SchedulerTimers implements TmTimers, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    public SchedulerTimers() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tm-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long now() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public TimerHandle arm(Executor owner, Runnable task, long delayMs) {
        try {
            ScheduledFuture<?> f = executor.schedule(() -> owner.execute(task), Math.max(0, delayMs),
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException stopping) {
            return () -> { };
        }
    }

    /** Timers queued (armed, not yet due). */
    public int pending() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
