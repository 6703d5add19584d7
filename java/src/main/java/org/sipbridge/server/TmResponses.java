package org.sipbridge.server;

import org.sipbridge.core.SipContext;
import org.sipbridge.script.RunResult;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.tm.Cell;
import org.sipbridge.tm.Uac;
import org.sipbridge.tm.Verdict;

import java.nio.ByteBuffer;

/**
 * Replies from downstream to one of our branches (RFC 3261 16.7): the client transaction
 * first (retransmissions absorbed, the hop-by-hop ACK of a negative final reply), then
 * onreply_route and the transaction's onreply_route[x]; provisional replies (not 100) and
 * every 2xx go upstream at once, other finals are kept until the round is over
 * ({@link TmFailures#roundMaybeDone}). A 2xx or a 6xx CANCELs the other pending branches.
 */
final class TmResponses {
    private final TmWorker t;
    private final org.sipbridge.tm.RequestBuilder builder;

    TmResponses(TmWorker t) {
        this.t = t;
        // 1.11: User-Agent on the ACKs we send for negative replies
        this.builder = new org.sipbridge.tm.RequestBuilder(Signature.userAgentLine(t.r.script.config()));
    }

    /** A reply that belongs to one of our client transactions; false when it matches none (relayed statelessly). */
    boolean onReply(SipContext ctx) {
        if (t.tables.noClients()) {
            return false;
        }
        SipMessage m = ctx.message();
        org.sipbridge.tm.LookupKey key = t.tables.keys.client(m);
        Uac u = t.tables.client(key);
        if (u == null) {
            return false;
        }
        t.stats.replies.increment();
        int code = m.statusCode();
        if (u.cancelKey != null && key.equals(u.cancelKey)) {
            u.cancel.onResponse(code); // the reply to our CANCEL ends there
            return true;
        }
        Cell cell = u.cell;
        Verdict v = u.tx.onResponse(code);
        if (v == Verdict.PASS_NEEDS_ACK) {
            int to = m.firstHeader(HeaderType.TO);
            byte[] ack = to == SipMessage.ABSENT ? null
                    : builder.ack(u.tx.request(), m.buffer(), m.headerLineOffset(to), m.headerLineLength(to));
            if (ack != null) {
                u.tx.sendAck(ack);
            }
        }
        if (v == Verdict.ABSORB) {
            return true;
        }
        boolean ok2xx = code >= 200 && code < 300;
        if (u.done && !(ok2xx && cell.invite)) {
            return true; // the branch already ended (our timeout, then its 487): nothing more to say upstream
        }
        boolean relay = runReplyRoutes(cell, u, ctx, code);
        if (code < 200) {
            boolean first = !u.provisional;
            u.provisional = true;
            u.lastCode = code;
            if (cell.invite && (first || t.mod.restartFrOnEachReply.get() != 0)) {
                t.branches.armFinalTimer(u, cell.frInvTimeout);
            }
            if (u.cancelPending) {
                t.cancels.sendCancel(u);
            }
            if (code > 100 && relay && !cell.finalSent && !cell.local) {
                relayReply(cell, ctx, code);
            }
            return true;
        }
        u.stopTimer();
        u.done = true;
        u.lastCode = code;
        if (ok2xx) {
            if (!cell.local) {
                relayReply(cell, ctx, code);
            }
            cell.finalSent = true;
            if (cell.invite) {
                t.cancels.cancelPending(cell, u);
            }
            t.failures.releaseIfDone(cell);
            return true;
        }
        u.finalReply = relayedBytes(cell, ctx);
        if (code >= 600 && cell.invite) {
            cell.blocked = true;
            t.cancels.cancelPending(cell, u);
        }
        t.failures.roundMaybeDone(cell, ctx);
        return true;
    }

    /** onreply_route and the transaction's onreply_route[x]; false when the script dropped the reply. */
    private boolean runReplyRoutes(Cell cell, Uac u, SipContext ctx, int code) {
        t.current.set(ctx, cell, u.index, code);
        ctx.setFlags(cell.flags);
        ScriptState s = ScriptState.of(ctx);
        s.startMessage(); // a new message: no AVPs of the last one (the script may have no main onreply_route to do it)
        boolean relay = t.r.script.runReply(ctx);
        String route = u.onReply != null ? u.onReply : cell.onReply;
        if (route != null) {
            boolean avps = t.mod.onreplyAvpMode.get() != 0;
            if (avps) {
                s.avps.copyFrom(cell.avps);
            }
            RunResult rr = t.r.script.runTransactionRoute(BlockKind.ONREPLY, route, ctx).orElse(RunResult.COMPLETED);
            if (avps) {
                cell.avps.copyFrom(s.avps);
            }
            if (rr == RunResult.DROPPED) {
                relay = false;
            }
        }
        cell.flags = ctx.flags();
        return relay;
    }

    /** The reply in ctx as it goes upstream (our Via removed, lumps applied). */
    private byte[] relayedBytes(Cell cell, SipContext ctx) {
        ctx.nativeMessage();
        OwnSocket socket = t.r.own.receivingSocket(cell.received);
        if (socket != null) {
            ctx.slot().setSendInfo(socket.sendInfo);
        }
        int n = ctx.slot().buildRelayedReply();
        ByteBuffer out = ctx.slot().output();
        byte[] b = new byte[n];
        out.get(0, b, 0, n);
        return b;
    }

    private void relayReply(Cell cell, SipContext ctx, int code) {
        byte[] b = relayedBytes(cell, ctx);
        if (cell.uas.sendReply(code, b, b.length)) {
            t.stats.relayed.increment();
            t.stats.finalReply(code);
            t.r.counters.relayed.increment();
        }
        cell.lastLocal = false;
        cell.allLocal = false;
    }
}
