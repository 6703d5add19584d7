package org.sipbridge.server;

import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.tm.TmEnv;
import org.sipbridge.tm.TmModule;
import org.sipbridge.tm.TmStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one worker's stateful proxy share: the server's routing, the worker, its
 * forwarder, the tm parameters, timers and counters, the worker's transaction tables, the
 * transaction of the message being processed, and the parts themselves (each does one job:
 * {@link TmBranches} sends branches, {@link TmResponses} processes replies from downstream,
 * {@link TmFailures} ends rounds and drives failure routes, {@link TmCancels} CANCELs,
 * {@link TmLocalReplies} our own replies). Owned by one worker thread, never shared.
 */
final class TmWorker {
    static final Logger log = LoggerFactory.getLogger("org.sipbridge.tm");

    final Routing r;
    final WorkerState w;
    final Forwarder forwarder;
    final TmModule mod;
    final TmEnv env;
    final TmStats stats;
    final LogRateLimit problems = new LogRateLimit();
    final TmTables tables;
    final TmCurrent current = new TmCurrent();
    final TmLocalReplies local;
    final TmBranches branches;
    final TmResponses responses;
    final TmFailures failures;
    final TmCancels cancels;

    TmWorker(Routing r, WorkerState w, Forwarder forwarder, TmModule mod, TmEnv env, TmStats stats) {
        this.r = r;
        this.w = w;
        this.forwarder = forwarder;
        this.mod = mod;
        this.env = env;
        this.stats = stats;
        this.tables = new TmTables(stats, new org.sipbridge.tm.TransactionKeys(mod.ruriMatching.get() != 0,
                mod.via1Matching.get() != 0));
        this.local = new TmLocalReplies(this);
        this.branches = new TmBranches(this);
        this.responses = new TmResponses(this);
        this.failures = new TmFailures(this);
        this.cancels = new TmCancels(this);
    }
}
