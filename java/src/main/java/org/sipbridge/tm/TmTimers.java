package org.sipbridge.tm;

import java.util.concurrent.Executor;

/**
 * The clock and timers the transactions use, injectable so unit tests drive them with a fake
 * clock. A timer fires on whatever thread the implementation uses (the server's timer
 * thread) and hands {@code task} to {@code owner}, the worker that owns the transaction, so
 * a transaction's state is only ever touched by its worker.
 */
public interface TmTimers {
    /** Monotonic milliseconds. */
    long now();

    /** After delayMs, runs task through owner. */
    TimerHandle arm(Executor owner, Runnable task, long delayMs);
}
