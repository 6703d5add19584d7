package org.sipbridge.server;

import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.SipContext;
import org.sipbridge.script.CompiledScript;
import org.sipbridge.script.TimerRoute;
import org.sipbridge.sip.SipLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer_route blocks, on one thread of their own ("sip-timer") with a context of their
 * own, as OpenSIPS runs them in its timer process: child_init(PROC_TIMER) runs on that
 * thread first, then each route every interval (a route that overruns delays its next run
 * instead of piling up), each on a fresh {@link DummyRequest}. No thread is started when the script has no timer route.
 */
final class TimerRoutes implements AutoCloseable {
    /** child_init rank of the timer process (OpenSIPS's PROC_TIMER). */
    static final int PROC_TIMER = -1;
    private static final Logger log = LoggerFactory.getLogger("sipbridge.server");

    private final ScheduledThreadPoolExecutor executor;
    private SipContext ctx;

    private TimerRoutes(ScheduledThreadPoolExecutor executor) {
        this.executor = executor;
    }

    /** Starts the routes of script; throws what child_init(PROC_TIMER) threw. */
    static TimerRoutes start(CompiledScript script, NativeCore core, SipLimits limits, InetSocketAddress self)
            throws ExecutionException {
        List<TimerRoute> routes = script.timerRoutes();
        if (routes.isEmpty()) {
            return new TimerRoutes(null);
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timer");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        TimerRoutes timers = new TimerRoutes(ex);
        try {
            ex.submit(() -> {
                timers.ctx = new SipContext(core, limits);
                script.childInit(PROC_TIMER);
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timers.close();
            throw new ExecutionException("interrupted while starting the timer routes", e);
        } catch (ExecutionException e) {
            timers.close();
            throw e;
        }
        for (TimerRoute r : routes) {
            long period = Math.max(1, r.intervalSeconds());
            ex.scheduleWithFixedDelay(() -> run(r, timers.ctx, self), period, period, TimeUnit.SECONDS);
            log.info("timer_route[{}] every {} s", r.name(), period);
        }
        return timers;
    }

    private static void run(TimerRoute r, SipContext ctx, InetSocketAddress self) {
        try {
            DummyRequest.load(ctx, self);
            r.run(ctx);
        } catch (RuntimeException e) {
            // one failing run must not cancel the schedule
            log.error("timer_route[{}] failed", r.name(), e);
        }
    }

    /** Stops the schedule, waits for a run in progress (a few seconds at most), frees the context. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("a timer route is still running after 5 s; leaving its context allocated");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ctx != null) {
            ctx.close();
            ctx = null;
        }
    }
}
