package org.sipbridge.server;

import org.sipbridge.server.transport.SipTransport;
import org.sipbridge.tm.SchedulerTimers;
import org.sipbridge.tm.TmConfig;
import org.sipbridge.tm.TmModule;
import org.sipbridge.tm.TmStats;

import java.util.concurrent.Executor;

/**
 * The transaction layer of a server whose configuration loads sipbridge's tm: its module
 * (parameters), the timer thread, the counters, and how a timer reaches the worker owning
 * a transaction. Null in {@link Routing} when the configuration does not load tm (or loads
 * a C tm.so), so stateless-only servers do no transaction work at all.
 */
final class TmRuntime implements AutoCloseable {
    final TmModule module;
    final TmConfig config;
    final SchedulerTimers timers = new SchedulerTimers();
    final TmStats stats = new TmStats();
    private final SipTransport transport;

    TmRuntime(TmModule module, SipTransport transport) {
        this.module = module;
        this.config = module.timerConfig();
        this.transport = transport;
        stats.pendingTimers = timers::pending;
    }

    /** Runs tasks on worker rank (1-based) between its messages. */
    Executor owner(int rank) {
        return task -> transport.execute(rank - 1, task);
    }

    @Override
    public void close() {
        timers.close();
    }
}
