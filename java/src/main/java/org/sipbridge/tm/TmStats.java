package org.sipbridge.tm;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the transaction layer of one server (every worker adds to them). */
public final class TmStats {
    /** Server transactions created (1.11's UAS_transactions). */
    public final LongAdder created = new LongAdder();
    /** Transactions in the tables now (inuse_transactions). */
    public final LongAdder inUse = new LongAdder();
    /** Client transactions (branches and CANCELs) in the tables now. */
    public final LongAdder clientsInUse = new LongAdder();
    /** Client transactions created (UAC_transactions, CANCELs included). */
    public final LongAdder branches = new LongAdder();
    /** Request retransmissions absorbed (answered with the last reply, if any). */
    public final LongAdder retransmissions = new LongAdder();
    /** ACKs of our non-2xx final replies absorbed. */
    public final LongAdder acksAbsorbed = new LongAdder();
    /** Replies received that matched a transaction (received_replies). */
    public final LongAdder replies = new LongAdder();
    /** Replies sent upstream that came from downstream (relayed_replies). */
    public final LongAdder relayed = new LongAdder();
    /** Replies we made ourselves: 100, 408, 487, t_reply... (local_replies). */
    public final LongAdder local = new LongAdder();
    /** Branches that got no final reply in time (our 408). */
    public final LongAdder timeouts = new LongAdder();
    /** CANCELs that matched nothing (answered 481). */
    public final LongAdder unmatchedCancels = new LongAdder();
    /** Requests refused because the worker's table was full. */
    public final LongAdder tableFull = new LongAdder();
    /** Final replies sent upstream by class, relayed or local (1.11's 2xx_transactions..6xx_transactions; index 2..6). */
    public final LongAdder[] finalByClass = new LongAdder[7];
    /** Timers armed and not yet due or cancelled (set by the server that owns the timer thread). */
    public volatile java.util.function.IntSupplier pendingTimers = () -> 0;

    public TmStats() {
        for (int k = 0; k < finalByClass.length; k++) {
            finalByClass[k] = new LongAdder();
        }
    }

    /** Counts a final reply (200..699) sent upstream for a server transaction. */
    public void finalReply(int code) {
        if (code >= 200 && code < 700) {
            finalByClass[code / 100].increment();
        }
    }

    @Override
    public String toString() {
        return "created=" + created.sum() + " inUse=" + inUse.sum() + " clientsInUse=" + clientsInUse.sum() + " branches=" + branches.sum()
                + " retransmissions=" + retransmissions.sum() + " acksAbsorbed=" + acksAbsorbed.sum()
                + " replies=" + replies.sum() + " relayed=" + relayed.sum() + " local=" + local.sum()
                + " timeouts=" + timeouts.sum() + " unmatchedCancels=" + unmatchedCancels.sum()
                + " tableFull=" + tableFull.sum();
    }
}
