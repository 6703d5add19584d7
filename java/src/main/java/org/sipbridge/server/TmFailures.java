package org.sipbridge.server;

import org.sipbridge.core.SipContext;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.tm.Cell;
import org.sipbridge.tm.TxState;
import org.sipbridge.tm.Uac;

/**
 * The end of a round of branches: when every branch of it has its final reply (received, or
 * our 408 when its final-reply timer fired), failure_route[x] runs on a copy of the request
 * (new branches there: serial forking) or the best reply (RFC 3261 16.7, {@link Cell#best})
 * goes upstream.
 */
final class TmFailures {
    private final TmWorker t;

    TmFailures(TmWorker t) {
        this.t = t;
    }

    /** Every branch of the round has its final reply: failure_route, or the best reply upstream. */
    void roundMaybeDone(Cell cell, SipContext ctx) {
        if (cell.finalSent || cell.inFailure || !cell.roundDone()) {
            return;
        }
        Uac best = cell.best();
        if (best == null) {
            return;
        }
        if (!cell.local && !cell.blocked && cell.onNegative != null) {
            String route = cell.onNegative;
            cell.onNegative = null; // must be armed again for the next round
            int before = cell.nrOfOutgoings;
            runFailureRoute(cell, best, route, ctx);
            if (cell.finalSent || (cell.nrOfOutgoings > before && !cell.roundDone())) {
                return; // answered by the route, or new branches went out
            }
            best = cell.best(); // the route's new branches may all have failed at once
            if (best == null) {
                return;
            }
        }
        if (cell.local) {
            cell.finalSent = true;
            cell.uas.abandon();
            return;
        }
        if (best.local) {
            t.local.send(cell, ctx, best.lastCode, TmLocalReplies.TIMEOUT);
        } else if (cell.uas.sendReply(best.lastCode, best.finalReply, best.finalReply.length)) {
            t.stats.relayed.increment();
            t.stats.finalReply(best.lastCode);
            t.r.counters.relayed.increment();
            cell.lastLocal = false;
            cell.allLocal = false;
        }
        cell.finalSent = true;
        releaseIfDone(cell);
    }

    /** failure_route[x] on a copy of the request, with the transaction's flags and AVPs and the winning branch's R-URI. */
    private void runFailureRoute(Cell cell, Uac best, String route, SipContext ctx) {
        t.local.loadRequest(cell, ctx);
        ctx.setNewUri(best.uri);
        ctx.setDstUri(null);
        ctx.setFlags(cell.flags);
        ScriptState s = ScriptState.of(ctx);
        s.avps.copyFrom(cell.avps);
        t.current.set(ctx, cell, -1, best.lastCode);
        t.branches.failureRouteStarts(ctx);
        cell.inFailure = true;
        try {
            t.r.script.runTransactionRoute(BlockKind.FAILURE, route, ctx);
        } finally {
            cell.inFailure = false;
        }
        cell.flags = ctx.flags();
        cell.avps.copyFrom(s.avps);
        ctx.branches().clear();
    }

    /** The branch's final-reply timer fired (on this worker): it ends with our 408. */
    void finalTimeout(Uac u) {
        u.fr = null;
        if (u.done) {
            if (u.tx.state() != TxState.TERMINATED) {
                u.tx.abandon(); // the CANCELled branch never answered (RFC 3261 16.8)
            }
            return;
        }
        t.stats.timeouts.increment();
        u.done = true;
        u.local = true;
        u.lastCode = 408;
        Cell cell = u.cell;
        if (cell.invite && u.provisional) {
            t.cancels.sendCancel(u);
            // wait for its 487 (to ACK it), at most 64*T1
            u.fr = t.env.timers().arm(t.env.owner(), () -> finalTimeout(u), t.env.config().timeout64());
        } else {
            u.tx.abandon();
        }
        roundMaybeDone(cell, t.w.ctx);
    }

    /** Once a final reply went up (or the cell is local), branches that still run can go when they end. */
    void releaseIfDone(Cell cell) {
        if (cell.roundDone()) {
            for (int i = 0; i < cell.nrOfOutgoings; i++) {
                Uac u = cell.uac[i];
                if (u.tx.state() == TxState.TERMINATED) {
                    u.stopTimer();
                }
            }
        }
    }
}
