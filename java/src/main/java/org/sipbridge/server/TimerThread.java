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
 * OpenSIPS's timer process as one thread ("sip-timer") with a context of its own:
 * child_init(PROC_TIMER) runs on it first; then the timer_route blocks, each every interval
 * (a route that overruns delays its next run instead of piling up) on a fresh
 * {@link DummyRequest}, and the modules' own timers (register_timer / register_utimer in
 * mod_init), each under its module's lock. No thread is started when there is neither.
 */
final class TimerThread implements AutoCloseable {
    /** child_init rank of the timer process (OpenSIPS's PROC_TIMER). */
    static final int PROC_TIMER = -1;
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.server");

    private final ScheduledThreadPoolExecutor executor;
    private SipContext ctx;

    private TimerThread(ScheduledThreadPoolExecutor executor) {
        this.executor = executor;
    }

    /** Starts the routes of script; throws what child_init(PROC_TIMER) threw. */
    static TimerThread start(CompiledScript script, NativeCore core, SipLimits limits, InetSocketAddress self)
            throws ExecutionException {
        List<TimerRoute> routes = script.timerRoutes();
        int moduleTimers = core.calls().sb_timers_count();
        if (routes.isEmpty() && moduleTimers == 0) {
            return new TimerThread(null);
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timer");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        TimerThread timers = new TimerThread(ex);
        try {
            ex.submit(() -> {
                timers.ctx = new SipContext(core, limits);
                NetBridge.get(core).calls().sb_pt_enter(PROC_TIMER); // process_no of the timer
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
        if (moduleTimers > 0) {
            ex.execute(() -> runModuleTimers(ex, core.calls()));
            log.info("{} module timer{}", moduleTimers, moduleTimers == 1 ? "" : "s");
        }
        return timers;
    }

    /** Runs the due module timers and comes back when the next one is due (at least 1 ms later). */
    private static void runModuleTimers(ScheduledThreadPoolExecutor ex, org.sipbridge.bridge.CoreCalls calls) {
        long waitUs = 1_000_000;
        try {
            waitUs = calls.sb_timers_run_due();
        } catch (RuntimeException e) {
            log.error("module timers failed", e);
        }
        if (!ex.isShutdown()) {
            try {
                ex.schedule(() -> runModuleTimers(ex, calls), Math.max(1000, waitUs), TimeUnit.MICROSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the server is stopping
            }
        }
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
