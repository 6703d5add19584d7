package org.sipbridge.server;

import org.sipbridge.core.SipContext;
import org.sipbridge.core.TransactionLayer;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipMethod;
import org.sipbridge.tm.Cell;
import org.sipbridge.tm.LookupKey;
import org.sipbridge.tm.ServerTransaction;
import org.sipbridge.tm.TmEnv;
import org.sipbridge.tm.TmModule;
import org.sipbridge.tm.TmStats;
import org.sipbridge.tm.Transaction;
import org.sipbridge.tm.TransactionKeys;
import org.sipbridge.tm.TransactionUser;
import org.sipbridge.tm.TxState;

import java.nio.charset.StandardCharsets;

/**
 * The stateful proxy of one worker (RFC 3261 16 over the transactions of
 * {@code org.sipbridge.tm}): the entry points the server calls (before the script, after it,
 * for replies) and the tm script functions. The work is done by the parts in {@link TmWorker}:
 * {@link TmBranches} (branches, branch_route), {@link TmResponses} (replies, onreply routes),
 * {@link TmFailures} (end of a round, failure_route, 16.7), {@link TmCancels} (CANCEL),
 * {@link TmLocalReplies} (our own replies). Its tables hold only this worker's transactions:
 * every message of a Call-ID comes to the same worker, and the timers hand their work back
 * to it, so nothing here is shared or locked.
 */
final class StatefulProxy implements TransactionLayer {
    private static final int FLAG_NO_100 = 0x01;

    private final TmWorker t;

    StatefulProxy(Routing r, WorkerState w, Forwarder forwarder, TmModule mod, TmEnv env, TmStats stats) {
        this.t = new TmWorker(r, w, forwarder, mod, env, stats);
    }

    // ---- before and after the script ---------------------------------------------------------

    /**
     * A request that belongs to a transaction of ours and is the transaction layer's business,
     * not the script's: a retransmission (answered with the last reply) or the ACK of our
     * non-2xx reply. True when it was handled here.
     */
    boolean absorb(SipContext ctx) {
        TmTables tables = t.tables;
        if (tables.noServers()) {
            return false;
        }
        SipMessage m = ctx.message();
        Cell cell = tables.server(tables.keys.server(m));
        if (cell == null) {
            return false;
        }
        if (m.method() == SipMethod.ACK) {
            if (cell.uas.onAck()) {
                t.stats.acksAbsorbed.increment();
                return true;
            }
            return false;
        }
        cell.uas.onRetransmission(); // a retransmitted request (a CANCEL: its 200 again)
        t.stats.retransmissions.increment();
        return true;
    }

    /** After the request route: a transaction the script created but neither relayed nor answered is released. */
    void afterRequest(SipContext ctx) {
        Cell cell = t.current.get(ctx);
        if (cell != null && !cell.local) {
            // 1.11: from its creation on, the request's AVP list is the transaction's
            cell.avps.copyFrom(ScriptState.of(ctx).avps);
        }
        if (cell != null && cell.nrOfOutgoings == 0 && cell.uas.lastCode() < 200 && cell.uas.state() != TxState.TERMINATED) {
            if (t.problems.permit()) {
                TmWorker.log.warn("{} {}: the script created a transaction but neither relayed nor answered it; released{}",
                        cell.method, ctx.receiveInfo().source(), t.problems.note());
            }
            cell.uas.abandon();
        }
    }

    /** A reply that belongs to one of our client transactions; false when it matches none (relayed statelessly). */
    boolean onReply(SipContext ctx) {
        return t.responses.onReply(ctx);
    }

    // ---- the script functions ----------------------------------------------------------

    @Override
    public int relay(SipContext ctx, String destination, int flags) {
        SipMessage m = ctx.message();
        if (!m.isRequest()) {
            return -1;
        }
        Cell cell = t.current.get(ctx);
        if (ctx.routeType() == RouteType.FAILURE) {
            if (cell == null) {
                return -1;
            }
            return t.branches.forwardRound(cell, ctx, destination, flags);
        }
        if (m.method() == SipMethod.ACK) {
            // an ACK of a 2xx (or one matching nothing): end to end, statelessly (as 1.11 does)
            return ctx.outbound().forward(ctx, destination) ? 1 : -1;
        }
        if (m.method() == SipMethod.CANCEL) {
            return t.cancels.cancel(ctx, this, flags);
        }
        if (cell == null) {
            int n = newTransaction(ctx);
            if (n <= 0) {
                return n;
            }
            cell = t.current.get(ctx);
            cell.relayFlags = flags;
            if (cell.invite && (flags & FLAG_NO_100) == 0 && t.mod.auto100Trying.get() != 0) {
                t.local.send(cell, ctx, 100, TmLocalReplies.TRYING);
            }
        }
        return t.branches.forwardRound(cell, ctx, destination, flags);
    }

    @Override
    public int newTransaction(SipContext ctx) {
        SipMessage m = ctx.message();
        if (!m.isRequest() || m.method() == SipMethod.ACK) {
            return -1;
        }
        if (t.current.get(ctx) != null) {
            return 1;
        }
        TmTables tables = t.tables;
        LookupKey lookup = tables.keys.server(m);
        if (lookup == null) {
            return -2;
        }
        Cell existing = tables.server(lookup);
        if (existing != null) {
            existing.uas.onRetransmission();
            t.stats.retransmissions.increment();
            return 0;
        }
        if (tables.serverCount() >= t.mod.maxTransactions.get()) {
            t.stats.tableFull.increment();
            if (t.problems.permit()) {
                TmWorker.log.warn("transaction table of worker {} full ({}): {} from {} refused{}", t.w.rank,
                        tables.serverCount(), m.methodName(), ctx.receiveInfo().source(), t.problems.note());
            }
            return -1;
        }
        String key = lookup.toString(); // the one String a transaction's key costs
        TmCurrent cur = t.current;
        boolean failureArmed = cur.pendingFor == ctx.id() && cur.pendingFailure != null;
        byte[] copy = failureArmed ? appliedCopy(ctx) : null;
        boolean applied = copy != null;
        if (copy == null) {
            copy = new byte[m.length()];
            m.buffer().get(m.offset(), copy, 0, copy.length);
        }
        boolean invite = m.method() == SipMethod.INVITE;
        Cell cell = new Cell(tables.nextLabel(), invite, TransactionKeys.methodName(m), key, t.env.timers().now(), copy,
                ctx.receiveInfo(), m.framing());
        cell.newUri = ctx.newUri();
        cell.dstUri = ctx.dstUri();
        cell.flags = ctx.flags();
        cell.avps.copyFrom(ScriptState.of(ctx).avps);
        cell.frTimeout = t.mod.frTimeout.get() * 1000L;
        cell.frInvTimeout = t.mod.frInvTimeout.get() * 1000L;
        cell.requestApplied = applied;
        if (cur.pendingFor == ctx.id()) {
            cell.onNegative = cur.pendingFailure;
            cell.onReply = cur.pendingReply;
            cell.onBranch = cur.pendingBranch;
            if (cur.pendingFr > 0) {
                cell.frTimeout = cur.pendingFr;
            }
            if (cur.pendingFrInv > 0) {
                cell.frInvTimeout = cur.pendingFrInv;
            }
        }
        cell.uas = new ServerTransaction(t.env, new UasUser(cell), invite, t.local.replyTo(ctx, m));
        tables.addServer(cell);
        t.stats.created.increment();
        cur.set(ctx, cell, -1, 0);
        cur.loaded(cell, ctx);
        return 1;
    }

    @Override
    public int reply(SipContext ctx, int code, String reason) {
        Cell cell = t.current.get(ctx);
        if (cell == null) {
            if (t.problems.permit()) {
                TmWorker.log.warn("t_reply({}) for a message without a transaction (t_newtran first){}", code,
                        t.problems.note());
            }
            return -1;
        }
        if (!cell.uas.canReply(code)) {
            return -1;
        }
        boolean sent = t.local.send(cell, ctx, code, reason.getBytes(StandardCharsets.UTF_8));
        if (code >= 200 && cell.invite) {
            t.cancels.cancelPending(cell, null);
        }
        return sent ? 1 : -1;
    }

    @Override
    public int checkTransaction(SipContext ctx) {
        SipMessage m = ctx.message();
        if (!m.isRequest()) {
            return -1;
        }
        TmTables tables = t.tables;
        if (m.method() == SipMethod.CANCEL) {
            return tables.server(tables.keys.cancelledInvite(m)) != null ? 1 : -1;
        }
        Cell cell = tables.server(tables.keys.server(m));
        if (cell == null) {
            return -1;
        }
        if (m.method() == SipMethod.ACK) {
            return cell.uas.lastCode() >= 300 ? 1 : -1;
        }
        if (cell == t.current.get(ctx)) {
            return 1;
        }
        cell.uas.onRetransmission();
        t.stats.retransmissions.increment();
        return 0;
    }

    @Override
    public int arm(SipContext ctx, char which, String route) {
        BlockKind kind = which == 'f' ? BlockKind.FAILURE : which == 'r' ? BlockKind.ONREPLY : BlockKind.BRANCH;
        if (!t.r.script.hasRoute(kind, route)) {
            if (t.problems.permit()) {
                TmWorker.log.error("t_on_{}(\"{}\"): the script has no {}[{}]{}", which == 'f' ? "failure"
                        : which == 'r' ? "reply" : "branch", route, kind.keyword(), route, t.problems.note());
            }
            return -1;
        }
        TmCurrent cur = t.current;
        Cell cell = cur.get(ctx);
        if (cell == null) {
            cur.pending(ctx);
            switch (which) {
                case 'f' -> cur.pendingFailure = route;
                case 'r' -> cur.pendingReply = route;
                default -> cur.pendingBranch = route;
            }
            return 1;
        }
        switch (which) {
            case 'f' -> {
                cell.onNegative = route;
                if (!cell.requestApplied && ctx.routeType() == RouteType.REQUEST && t.current.isLoaded(cell, ctx)) {
                    byte[] applied = appliedCopy(ctx); // armed after the transaction was created
                    if (applied != null) {
                        cell.request = applied;
                        cell.requestApplied = true;
                    }
                }
            }
            case 'r' -> {
                if (ctx.routeType() == RouteType.BRANCH && cur.branch >= 0) {
                    cur.pendingReply = route; // for the branch being built: picked up when it is sent
                    cur.pendingFor = ctx.id();
                } else {
                    cell.onReply = route;
                }
            }
            default -> cell.onBranch = route;
        }
        return 1;
    }

    @Override
    public int wasCancelled(SipContext ctx) {
        Cell cell = t.current.get(ctx);
        return cell != null && cell.cancelled ? 1 : -1;
    }

    @Override
    public int localReplied(SipContext ctx, boolean all) {
        Cell cell = t.current.get(ctx);
        if (cell == null) {
            return -1;
        }
        return (all ? cell.allLocal : cell.lastLocal) ? 1 : -1;
    }

    @Override
    public int isExpired(SipContext ctx) {
        Cell cell = t.current.get(ctx);
        if (cell == null) {
            return -1;
        }
        long life = cell.invite ? cell.frInvTimeout : cell.frTimeout;
        return t.env.timers().now() - cell.createdAt >= life ? 1 : -1;
    }

    @Override
    public int flushFlags(SipContext ctx) {
        Cell cell = t.current.get(ctx);
        if (cell == null) {
            return -1;
        }
        cell.flags = ctx.flags();
        return 1;
    }

    @Override
    public int replicate(SipContext ctx, String uri, int flags) {
        Cell existing = t.current.get(ctx);
        if (existing != null) {
            // 1.11: the transaction becomes local (its replies stay here) and forwards to uri
            if (ctx.message().method() == SipMethod.ACK || ctx.routeType() != RouteType.REQUEST) {
                return -1;
            }
            existing.local = true;
            return t.branches.forwardRound(existing, ctx, uri,
                    flags | TmBranches.FLAG_REPLICATE | TmBranches.FLAG_NO_ERROR_REPLY) > 0 ? 1 : -1;
        }
        int n = newTransaction(ctx);
        if (n <= 0) {
            return n;
        }
        Cell cell = t.current.get(ctx);
        cell.local = true;
        cell.onNegative = null;
        int result = t.branches.forwardRound(cell, ctx, uri,
                flags | TmBranches.FLAG_REPLICATE | TmBranches.FLAG_NO_ERROR_REPLY);
        t.current.set(ctx, null, -1, 0); // the request itself stays free for t_relay/forward
        return result;
    }

    @Override
    public int setFinalResponseTimeouts(SipContext ctx, int invMs, int nonInvMs) {
        TmCurrent cur = t.current;
        Cell cell = cur.get(ctx);
        if (cell == null) {
            cur.pending(ctx);
            cur.pendingFrInv = invMs;
            cur.pendingFr = nonInvMs;
            return 1;
        }
        if (invMs > 0) {
            cell.frInvTimeout = invMs;
        }
        if (nonInvMs > 0) {
            cell.frTimeout = nonInvMs;
        }
        return 1;
    }

    @Override
    public int replyCode(SipContext ctx) {
        Cell cell = t.current.get(ctx);
        if (cell == null) {
            return 0;
        }
        return t.current.replyCode > 0 ? t.current.replyCode : cell.uas.lastCode();
    }

    @Override
    public int branchIndex(SipContext ctx) {
        return t.current.get(ctx) != null ? t.current.branch : -1;
    }

    @Override
    public String branchUri(SipContext ctx) {
        Cell cell = t.current.get(ctx);
        if (cell == null) {
            return null;
        }
        int branch = t.current.branch;
        if (branch >= 0 && branch < cell.nrOfOutgoings) {
            return cell.uac[branch].uri;
        }
        if (ctx.routeType() == RouteType.BRANCH) {
            return ctx.requestUri();
        }
        return cell.newUri != null ? cell.newUri : ctx.message().isRequest() ? ctx.message().requestUriString() : null;
    }

    /**
     * The request with the header and body changes the request route made so far, or null
     * when it made none. 1.11 clones the request with its lumps, so branches of a failure
     * route carry them: the copy is made only when a failure route is armed (the only user
     * of rebuilt branches), so a plain t_relay costs no extra build.
     */
    private static byte[] appliedCopy(SipContext ctx) {
        if (!ctx.hasView() || !ctx.slot().hasLumps()) {
            return null;
        }
        int n = ctx.slot().buildApplied(false);
        byte[] b = new byte[n];
        ctx.slot().output().get(0, b, 0, n);
        return b;
    }

    // ---- bookkeeping -----------------------------------------------------------------------

    /** Transactions of this worker in the tables now: server side, client side. */
    int serverCount() {
        return t.tables.serverCount();
    }

    int clientCount() {
        return t.tables.clientCount();
    }

    /** The server transaction ended (its wait timer, or abandoned): the transaction leaves the table. */
    private final class UasUser implements TransactionUser {
        private final Cell cell;

        UasUser(Cell cell) {
            this.cell = cell;
        }

        @Override
        public void terminated(Transaction tx) {
            t.tables.removeServer(cell);
        }
    }
}
