package org.sipbridge.server;

import org.sipbridge.bridge.Breadcrumbs;
import org.sipbridge.core.LogSafe;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Finds workers stuck on one message (most often inside a C function that does not return)
 * without costing the message path anything but two writes of a counter per message: a
 * thread samples every worker's progress counter a few times per {@code module_call_limit}.
 * A worker on the same message for longer than the limit is
 * <ul>
 * <li>logged once, with where it is (module and function from its breadcrumb, or the lock
 *     it waits for) and the message (method, Call-ID, source);</li>
 * <li>taken out of dispatch: Call-IDs that hash to it go to the next worker until it is
 *     back (the transport's {@code setWorkerAvailable});</li>
 * <li>when it holds a module's lock, the lock is marked: other workers stop waiting for it
 *     at once and take the error path (500) instead of waiting module_lock_timeout each.</li>
 * </ul>
 * When its counter moves again it is logged back and takes messages again.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.server");

    private final WorkerState[] workers;
    private final IntConsumer unavailable;
    private final IntConsumer available;
    private final Breadcrumbs crumbs;
    private final long limitNanos;
    private final ReliabilityCounters counters;
    private final long[] lastProgress;
    private final long[] since;
    private final boolean[] stuck;
    private final Thread thread;
    private volatile boolean closed;
    private volatile int stuckNow;

    Watchdog(WorkerState[] workers, IntConsumer unavailable, IntConsumer available, Breadcrumbs crumbs,
             long limitMillis, ReliabilityCounters counters) {
        this.workers = workers;
        this.unavailable = unavailable;
        this.available = available;
        this.crumbs = crumbs;
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
        this.counters = counters;
        this.lastProgress = new long[workers.length];
        this.since = new long[workers.length];
        this.stuck = new boolean[workers.length];
        this.thread = new Thread(this::run, "sip-watchdog");
        this.thread.setDaemon(true);
    }

    Watchdog start() {
        thread.start();
        return this;
    }

    int stuckNow() {
        return stuckNow;
    }

    private void run() {
        long period = Math.max(5, Math.min(250, TimeUnit.NANOSECONDS.toMillis(limitNanos) / 4));
        while (!closed) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            int n = 0;
            for (int i = 0; i < workers.length; i++) {
                check(i, now);
                if (stuck[i]) {
                    n++;
                }
            }
            stuckNow = n;
        }
    }

    private void check(int i, long now) {
        WorkerState w = workers[i];
        if (w == null) {
            return;
        }
        long p = w.progress;
        if (p != lastProgress[i]) {
            if (stuck[i]) {
                stuck[i] = false;
                available.accept(i);
                log.warn("worker {} is back after {} ms on one message; it takes new Call-IDs again", w.rank,
                        TimeUnit.NANOSECONDS.toMillis(now - since[i]));
            }
            lastProgress[i] = p;
            since[i] = now;
            return;
        }
        if ((p & 1) == 0 || stuck[i] || now - since[i] < limitNanos) {
            return; // idle, already reported, or not long enough
        }
        stuck[i] = true;
        counters.stuckWorkers.increment();
        unavailable.accept(i);
        Breadcrumbs.Sample s = crumbs.sample(w.nativeThread);
        if (s.kind() == Breadcrumbs.CALL || s.kind() == Breadcrumbs.RESPONSE || s.kind() == Breadcrumbs.TIMER) {
            crumbs.calls().sb_module_mark_stuck(s.module(), w.nativeThread);
        }
        log.error("worker {} has been on one message for {} ms (module_call_limit {} ms), {}: {}; its Call-IDs go to"
                        + " other workers until it is back", w.rank, TimeUnit.NANOSECONDS.toMillis(now - since[i]),
                TimeUnit.NANOSECONDS.toMillis(limitNanos), s.inModule() ? crumbs.describe(s) : "in the script (Java)",
                message(w, p));
    }

    /** Where worker rank is now, for the stop's log line. */
    String whereIs(WorkerState w) {
        Breadcrumbs.Sample s = crumbs.sample(w.nativeThread);
        return s.inModule() ? crumbs.describe(s) : "in the script (Java)";
    }

    /**
     * The message the worker is on. Read from another thread: the worker is stuck, so its
     * message does not change; if it moved on meanwhile the text is discarded.
     */
    static String message(WorkerState w, long progress) {
        String text;
        try {
            SipMessage m = w.ctx.message();
            String what = m.isRequest() ? LogSafe.text(m.methodName()) : "a " + m.statusCode() + " reply";
            text = what + " with Call-ID " + LogSafe.text(m.headerValue(HeaderType.CALL_ID)) + " from "
                    + ServerLog.source(w.ctx.receiveInfo());
        } catch (RuntimeException e) {
            text = null;
        }
        return text != null && w.progress == progress ? text : "(a message it has just left)";
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
