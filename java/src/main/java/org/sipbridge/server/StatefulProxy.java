package org.sipbridge.server;

import org.sipbridge.core.DestinationSet;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.core.TransactionLayer;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.RunResult;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipMethod;
import org.sipbridge.sip.Via;
import org.sipbridge.tm.Cell;
import org.sipbridge.tm.ClientTransaction;
import org.sipbridge.tm.RequestBuilder;
import org.sipbridge.tm.ServerTransaction;
import org.sipbridge.tm.TmEnv;
import org.sipbridge.tm.TmModule;
import org.sipbridge.tm.TmStats;
import org.sipbridge.tm.Transaction;
import org.sipbridge.tm.TransactionKeys;
import org.sipbridge.tm.TransactionUser;
import org.sipbridge.tm.TxState;
import org.sipbridge.tm.Uac;
import org.sipbridge.tm.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The stateful proxy of one worker (RFC 3261 16 over the transactions of
 * {@code org.sipbridge.tm}): what the tm script functions do, and what happens to requests
 * and replies that belong to a transaction. Its tables hold only this worker's transactions:
 * every message of a Call-ID comes to the same worker, and the timers hand their work back
 * to it, so nothing here is shared or locked.
 *
 * <ul>
 * <li>Before the script: a retransmitted request is answered with the last reply (or
 *     absorbed), the ACK of a non-2xx reply is absorbed.</li>
 * <li>t_relay: a server transaction (100 Trying for an INVITE), then one client transaction
 *     per branch (the R-URI and the destination set; branch_route first), each with its
 *     final-reply timer (fr_timeout; fr_inv_timeout after a provisional reply).</li>
 * <li>Replies: onreply_route and the transaction's onreply_route[x]; provisional replies
 *     (not 100) and every 2xx relayed at once, other finals kept until the round is done,
 *     then failure_route[x] on a copy of the request (new branches: serial forking), else the
 *     best reply goes upstream (16.7). A 2xx or a 6xx cancels the other pending branches.</li>
 * <li>CANCEL: 200, a CANCEL on every pending branch, 487 from downstream; a CANCEL for
 *     nothing gets 481.</li>
 * </ul>
 */
final class StatefulProxy implements TransactionLayer {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.tm");
    private static final byte[] TRYING = "Trying".getBytes(StandardCharsets.US_ASCII);
    private static final int FLAG_NO_100 = 0x01;
    private static final int FLAG_NO_ERROR_REPLY = 0x02;
    private static final int FLAG_REPLICATE = 0x100; // internal: t_replicate

    private final Routing r;
    private final WorkerState w;
    private final Forwarder forwarder;
    private final TmModule mod;
    private final TmEnv env;
    private final TmStats stats;
    private final TransactionKeys keys = new TransactionKeys();
    private final RequestBuilder builder;
    private final Map<String, Cell> servers = new HashMap<>();
    private final Map<String, Uac> clients = new HashMap<>();
    private final String branchPrefix;
    private final Via via = new Via();
    private final byte[] tag = new byte[ToTags.LENGTH];
    private final ToTags toTags; // this worker's: its scratch parsers are not shared
    private final LogLimiter problems = new LogLimiter();
    private int labels;

    // the transaction of the message being processed (1.11's T), valid while ctx.id() == currentFor
    private Cell current;
    private int currentFor = -1;
    private int currentBranch = -1;
    private int replyCode;
    // the cell whose request is loaded in ctx (for local replies), valid while ctx.id() == loadedFor
    private Cell loaded;
    private int loadedFor = -1;
    // armed before the transaction exists (t_on_*, t_set_fr in the request route), for message pendingFor
    private int pendingFor = -1;
    private String pendingFailure;
    private String pendingReply;
    private String pendingBranch;
    private long pendingFr;
    private long pendingFrInv;
    // the R-URI as the failure route started, to see whether the script set a new one
    private String failureUri;
    private String failureDst;

    StatefulProxy(Routing r, WorkerState w, Forwarder forwarder, TmModule mod, TmEnv env, TmStats stats) {
        this.r = r;
        this.w = w;
        this.toTags = new ToTags(r.tagPrefix);
        this.builder = new RequestBuilder(Signature.userAgentLine(r.script.config()));
        this.forwarder = forwarder;
        this.mod = mod;
        this.env = env;
        this.stats = stats;
        this.branchPrefix = "z9hG4bKsbt" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL)
                + "w" + w.rank + "x";
    }

    // ---- before the script ------------------------------------------------------------

    /**
     * A request that belongs to a transaction of ours and is the transaction layer's business,
     * not the script's: a retransmission (answered with the last reply) or the ACK of our
     * non-2xx reply. True when it was handled here.
     */
    boolean absorb(SipContext ctx) {
        if (servers.isEmpty()) {
            return false;
        }
        SipMessage m = ctx.message();
        if (m.method() == SipMethod.CANCEL) {
            Cell own = servers.get(keys.server(m));
            if (own != null) { // a retransmitted CANCEL: its 200 again
                own.uas.onRetransmission();
                stats.retransmissions.increment();
                return true;
            }
            return false;
        }
        String key = keys.server(m);
        Cell cell = key == null ? null : servers.get(key);
        if (cell == null) {
            return false;
        }
        if (m.method() == SipMethod.ACK) {
            if (cell.uas.onAck()) {
                stats.acksAbsorbed.increment();
                return true;
            }
            return false;
        }
        cell.uas.onRetransmission();
        stats.retransmissions.increment();
        return true;
    }

    /** After the request route: a transaction the script created but neither relayed nor answered is released. */
    void afterRequest(SipContext ctx) {
        Cell cell = current(ctx);
        if (cell != null && cell.nrOfOutgoings == 0 && cell.uas.lastCode() < 200 && cell.uas.state() != TxState.TERMINATED) {
            if (problems.permit()) {
                log.warn("{} {}: the script created a transaction but neither relayed nor answered it; released{}",
                        cell.method, ctx.receiveInfo().source(), problems.note());
            }
            cell.uas.abandon();
        }
    }

    // ---- the script functions ----------------------------------------------------------

    @Override
    public int relay(SipContext ctx, String destination, int flags) {
        SipMessage m = ctx.message();
        if (!m.isRequest()) {
            return -1;
        }
        Cell cell = current(ctx);
        if (ctx.routeType() == RouteType.FAILURE) {
            if (cell == null) {
                return -1;
            }
            return forwardRound(cell, ctx, destination, flags);
        }
        if (m.method() == SipMethod.ACK) {
            // an ACK of a 2xx (or one matching nothing): end to end, statelessly (as 1.11 does)
            return ctx.outbound().forward(ctx, destination) ? 1 : -1;
        }
        if (m.method() == SipMethod.CANCEL) {
            return cancel(ctx);
        }
        if (cell == null) {
            int t = newTransaction(ctx);
            if (t <= 0) {
                return t;
            }
            cell = current(ctx);
            cell.relayFlags = flags;
            if (cell.invite && (flags & FLAG_NO_100) == 0 && mod.auto100Trying.get() != 0) {
                localReply(cell, ctx, 100, TRYING, TRYING.length);
            }
        }
        return forwardRound(cell, ctx, destination, flags);
    }

    @Override
    public int newTransaction(SipContext ctx) {
        SipMessage m = ctx.message();
        if (!m.isRequest() || m.method() == SipMethod.ACK) {
            return -1;
        }
        if (current(ctx) != null) {
            return 1;
        }
        String key = keys.server(m);
        if (key == null) {
            return -2;
        }
        Cell existing = servers.get(key);
        if (existing != null) {
            existing.uas.onRetransmission();
            stats.retransmissions.increment();
            return 0;
        }
        if (servers.size() >= mod.maxTransactions.get()) {
            stats.tableFull.increment();
            if (problems.permit()) {
                log.warn("transaction table of worker {} full ({}): {} from {} refused{}", w.rank, servers.size(),
                        m.methodName(), ctx.receiveInfo().source(), problems.note());
            }
            return -1;
        }
        byte[] copy = new byte[m.length()];
        m.buffer().get(m.offset(), copy, 0, copy.length);
        boolean invite = m.method() == SipMethod.INVITE;
        Cell cell = new Cell(++labels, invite, m.methodName(), key, env.timers().now(), copy, ctx.receiveInfo(),
                m.framing());
        cell.newUri = ctx.newUri();
        cell.dstUri = ctx.dstUri();
        cell.flags = ctx.flags();
        cell.avps.copyFrom(ScriptState.of(ctx).avps);
        cell.frTimeout = mod.frTimeout.get() * 1000L;
        cell.frInvTimeout = mod.frInvTimeout.get() * 1000L;
        if (pendingFor == ctx.id()) {
            cell.onNegative = pendingFailure;
            cell.onReply = pendingReply;
            cell.onBranch = pendingBranch;
            if (pendingFr > 0) {
                cell.frTimeout = pendingFr;
            }
            if (pendingFrInv > 0) {
                cell.frInvTimeout = pendingFrInv;
            }
        }
        cell.uas = new ServerTransaction(env, new UasUser(cell), invite, replyTo(ctx, m));
        servers.put(key, cell);
        stats.created.increment();
        stats.inUse.increment();
        setCurrent(ctx, cell, -1, 0);
        loaded = cell;
        loadedFor = ctx.id();
        return 1;
    }

    @Override
    public int reply(SipContext ctx, int code, String reason) {
        Cell cell = current(ctx);
        if (cell == null) {
            if (problems.permit()) {
                log.warn("t_reply({}) for a message without a transaction (t_newtran first){}", code, problems.note());
            }
            return -1;
        }
        if (!cell.uas.canReply(code)) {
            return -1;
        }
        byte[] rb = reason.getBytes(StandardCharsets.UTF_8);
        boolean sent = localReply(cell, ctx, code, rb, rb.length);
        if (code >= 200 && cell.invite) {
            cancelPending(cell, null);
        }
        return sent ? 1 : -1;
    }

    @Override
    public int checkTransaction(SipContext ctx) {
        SipMessage m = ctx.message();
        if (!m.isRequest()) {
            return -1;
        }
        if (m.method() == SipMethod.CANCEL) {
            return servers.containsKey(keys.cancelledInvite(m)) ? 1 : -1;
        }
        Cell cell = servers.get(keys.server(m));
        if (cell == null) {
            return -1;
        }
        if (m.method() == SipMethod.ACK) {
            return cell.uas.lastCode() >= 300 ? 1 : -1;
        }
        if (cell == current(ctx)) {
            return 1;
        }
        cell.uas.onRetransmission();
        stats.retransmissions.increment();
        return 0;
    }

    @Override
    public int arm(SipContext ctx, char which, String route) {
        BlockKind kind = which == 'f' ? BlockKind.FAILURE : which == 'r' ? BlockKind.ONREPLY : BlockKind.BRANCH;
        if (!r.script.hasRoute(kind, route)) {
            if (problems.permit()) {
                log.error("t_on_{}(\"{}\"): the script has no {}[{}]{}", which == 'f' ? "failure"
                        : which == 'r' ? "reply" : "branch", route, kind.keyword(), route, problems.note());
            }
            return -1;
        }
        Cell cell = current(ctx);
        if (cell == null) {
            pending(ctx);
            switch (which) {
                case 'f' -> pendingFailure = route;
                case 'r' -> pendingReply = route;
                default -> pendingBranch = route;
            }
            return 1;
        }
        switch (which) {
            case 'f' -> cell.onNegative = route;
            case 'r' -> {
                if (ctx.routeType() == RouteType.BRANCH && currentBranch >= 0) {
                    pendingReply = route; // for the branch being built: picked up when it is sent
                    pendingFor = ctx.id();
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
        Cell cell = current(ctx);
        return cell != null && cell.cancelled ? 1 : -1;
    }

    @Override
    public int localReplied(SipContext ctx, boolean all) {
        Cell cell = current(ctx);
        if (cell == null) {
            return -1;
        }
        return (all ? cell.allLocal : cell.lastLocal) ? 1 : -1;
    }

    @Override
    public int isExpired(SipContext ctx) {
        Cell cell = current(ctx);
        if (cell == null) {
            return -1;
        }
        long life = cell.invite ? cell.frInvTimeout : cell.frTimeout;
        return env.timers().now() - cell.createdAt >= life ? 1 : -1;
    }

    @Override
    public int flushFlags(SipContext ctx) {
        Cell cell = current(ctx);
        if (cell == null) {
            return -1;
        }
        cell.flags = ctx.flags();
        return 1;
    }

    @Override
    public int replicate(SipContext ctx, String uri, int flags) {
        if (current(ctx) != null) {
            return -1; // 1.11: replication needs a message without a transaction
        }
        int t = newTransaction(ctx);
        if (t <= 0) {
            return t;
        }
        Cell cell = current(ctx);
        cell.local = true;
        cell.onNegative = null;
        int result = forwardRound(cell, ctx, uri, flags | FLAG_REPLICATE | FLAG_NO_ERROR_REPLY);
        setCurrent(ctx, null, -1, 0); // the request itself stays free for t_relay/forward
        currentFor = -1;
        return result;
    }

    @Override
    public int setFinalResponseTimeouts(SipContext ctx, int invMs, int nonInvMs) {
        Cell cell = current(ctx);
        if (cell == null) {
            pending(ctx);
            pendingFrInv = invMs;
            pendingFr = nonInvMs;
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
        Cell cell = current(ctx);
        if (cell == null) {
            return 0;
        }
        return replyCode > 0 ? replyCode : cell.uas.lastCode();
    }

    @Override
    public int branchIndex(SipContext ctx) {
        return current(ctx) != null ? currentBranch : -1;
    }

    @Override
    public String branchUri(SipContext ctx) {
        Cell cell = current(ctx);
        if (cell == null) {
            return null;
        }
        if (currentBranch >= 0 && currentBranch < cell.nrOfOutgoings) {
            return cell.uac[currentBranch].uri;
        }
        if (ctx.routeType() == RouteType.BRANCH) {
            return ctx.requestUri();
        }
        return cell.newUri != null ? cell.newUri : ctx.message().isRequest() ? ctx.message().requestUriString() : null;
    }

    // ---- forwarding ----------------------------------------------------------------------

    private record Target(String uri, String dst) {
    }

    /** One round of branches: the R-URI (first round, or a new one in a failure route) and the destination set. */
    private int forwardRound(Cell cell, SipContext ctx, String destination, int flags) {
        boolean failure = ctx.routeType() == RouteType.FAILURE;
        if (failure && (cell.cancelled || cell.blocked)) {
            ctx.branches().clear();
            return -3;
        }
        List<Target> targets = new ArrayList<>();
        String ruri = ctx.requestUri();
        String du = destination != null ? destination : ctx.dstUri();
        boolean ruriIsNew = !failure || destination != null || !Objects.equals(ruri, failureUri)
                || !Objects.equals(ctx.dstUri(), failureDst);
        if (ruriIsNew) {
            targets.add(new Target(ruri, du));
        }
        DestinationSet set = ctx.branches();
        for (int i = 0; i < set.size(); i++) {
            DestinationSet.Branch b = set.get(i);
            targets.add(new Target(b.uri(), b.dstUri() != null ? b.dstUri() : destination));
        }
        set.clear();
        if (targets.isEmpty()) {
            return -3;
        }
        int previousFirst = cell.firstBranch;
        if (failure) {
            cell.firstBranch = cell.nrOfOutgoings;
            failureUri = null;
            failureDst = null;
        }
        String keepUri = ctx.newUri();
        String keepDst = ctx.dstUri();
        int sent = 0;
        for (Target t : targets) {
            if (cell.nrOfOutgoings >= cell.uac.length) {
                if (problems.permit()) {
                    log.warn("{}: no more than {} branches{}", cell, cell.uac.length, problems.note());
                }
                break;
            }
            if (sendBranch(cell, ctx, t)) {
                sent++;
            }
        }
        ctx.setNewUri(keepUri);
        ctx.setDstUri(keepDst);
        if (sent > 0) {
            return 1;
        }
        cell.firstBranch = previousFirst; // nothing went out: the round that failed stays the current one
        if ((flags & FLAG_NO_ERROR_REPLY) == 0 && !failure && !cell.finalSent) {
            byte[] reason = "Unable to forward".getBytes(StandardCharsets.US_ASCII);
            localReply(cell, ctx, 500, reason, reason.length);
            return 0; // answered: the script ends, as 1.11 does after its error reply
        }
        return -6;
    }

    private boolean sendBranch(Cell cell, SipContext ctx, Target t) {
        int index = cell.nrOfOutgoings;
        ctx.setNewUri(t.uri());
        ctx.setDstUri(t.dst());
        String onReply = null;
        if (cell.onBranch != null) {
            setCurrent(ctx, cell, index, 0);
            pendingFor = -1;
            RunResult rr = r.script.runRoute(BlockKind.BRANCH, cell.onBranch, ctx).orElse(RunResult.COMPLETED);
            if (pendingFor == ctx.id()) {
                onReply = pendingReply;
                pendingFor = -1;
            }
            setCurrent(ctx, cell, -1, 0);
            if (rr == RunResult.DROPPED) {
                return false;
            }
        }
        String uri = ctx.requestUri();
        String branch = branchPrefix + cell.label + "." + index;
        ByteBuffer out = forwarder.buildBranch(ctx, null, branch.getBytes(StandardCharsets.US_ASCII));
        if (out == null) {
            return false;
        }
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        out.clear();
        Proto proto = w.next.proto();
        InetSocketAddress to = w.next.address();
        Uac u = new Uac(cell, index, uri, branch);
        u.onReply = onReply;
        u.clientKey = TransactionKeys.client(branch, cell.method);
        u.tx = new ClientTransaction(env, new UacUser(u), cell.invite, proto, to, bytes);
        cell.uac[index] = u;
        cell.nrOfOutgoings++;
        clients.put(u.clientKey, u);
        stats.clientsInUse.increment();
        stats.branches.increment();
        if (!u.tx.start()) {
            u.done = true;
            u.local = true;
            u.lastCode = 503;
            if (problems.permit()) {
                log.warn("{}: branch {} to {} could not be sent{}", cell, index, to, problems.note());
            }
            cell.nrOfOutgoings--;
            cell.uac[index] = null;
            if (clients.remove(u.clientKey, u)) {
                stats.clientsInUse.decrement();
            }
            return false;
        }
        r.counters.forwarded.increment();
        armFinalTimer(u, cell.frTimeout);
        return true;
    }

    private void armFinalTimer(Uac u, long ms) {
        u.stopTimer();
        u.fr = env.timers().arm(env.owner(), () -> finalTimeout(u), ms);
    }

    // ---- replies ---------------------------------------------------------------------------

    /** A reply that belongs to one of our client transactions; false when it matches none (relayed statelessly). */
    boolean onReply(SipContext ctx) {
        if (clients.isEmpty()) {
            return false;
        }
        SipMessage m = ctx.message();
        String key = keys.client(m);
        Uac u = key == null ? null : clients.get(key);
        if (u == null) {
            return false;
        }
        stats.replies.increment();
        int code = m.statusCode();
        if (key.equals(u.cancelKey)) {
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
            if (cell.invite && (first || mod.restartFrOnEachReply.get() != 0)) {
                armFinalTimer(u, cell.frInvTimeout);
            }
            if (u.cancelPending) {
                sendCancel(u);
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
                cancelPending(cell, u);
            }
            releaseIfDone(cell);
            return true;
        }
        u.finalReply = relayedBytes(cell, ctx);
        if (code >= 600 && cell.invite) {
            cell.blocked = true;
            cancelPending(cell, u);
        }
        roundMaybeDone(cell, ctx);
        return true;
    }

    /** onreply_route and the transaction's onreply_route[x]; false when the script dropped the reply. */
    private boolean runReplyRoutes(Cell cell, Uac u, SipContext ctx, int code) {
        setCurrent(ctx, cell, u.index, code);
        ctx.setFlags(cell.flags);
        boolean relay = r.script.runReply(ctx);
        String route = u.onReply != null ? u.onReply : cell.onReply;
        if (route != null) {
            ScriptState s = ScriptState.of(ctx);
            boolean avps = mod.onreplyAvpMode.get() != 0;
            if (avps) {
                s.avps.copyFrom(cell.avps);
            }
            RunResult rr = r.script.runTransactionRoute(BlockKind.ONREPLY, route, ctx).orElse(RunResult.COMPLETED);
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
        OwnSocket socket = r.own.receivingSocket(cell.received);
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
            stats.relayed.increment();
            stats.finalReply(code);
            r.counters.relayed.increment();
        }
        cell.lastLocal = false;
        cell.allLocal = false;
    }

    /** Every branch of the round has its final reply: failure_route, or the best reply upstream. */
    private void roundMaybeDone(Cell cell, SipContext ctx) {
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
            byte[] reason = "Request Timeout".getBytes(StandardCharsets.US_ASCII);
            localReply(cell, ctx, best.lastCode, reason, reason.length);
        } else if (cell.uas.sendReply(best.lastCode, best.finalReply, best.finalReply.length)) {
            stats.relayed.increment();
            stats.finalReply(best.lastCode);
            r.counters.relayed.increment();
            cell.lastLocal = false;
            cell.allLocal = false;
        }
        cell.finalSent = true;
        releaseIfDone(cell);
    }

    /** failure_route[x] on a copy of the request, with the transaction's flags and AVPs and the winning branch's R-URI. */
    private void runFailureRoute(Cell cell, Uac best, String route, SipContext ctx) {
        loadRequest(cell, ctx);
        ctx.setNewUri(best.uri);
        ctx.setDstUri(null);
        ctx.setFlags(cell.flags);
        ScriptState s = ScriptState.of(ctx);
        s.avps.copyFrom(cell.avps);
        setCurrent(ctx, cell, -1, best.lastCode);
        failureUri = ctx.requestUri();
        failureDst = ctx.dstUri();
        cell.inFailure = true;
        try {
            r.script.runTransactionRoute(BlockKind.FAILURE, route, ctx);
        } finally {
            cell.inFailure = false;
        }
        cell.flags = ctx.flags();
        cell.avps.copyFrom(s.avps);
        ctx.branches().clear();
    }

    /** The branch's final-reply timer fired (on this worker): it ends with our 408. */
    private void finalTimeout(Uac u) {
        u.fr = null;
        if (u.done) {
            if (u.tx.state() != TxState.TERMINATED) {
                u.tx.abandon(); // the CANCELled branch never answered (RFC 3261 16.8)
            }
            return;
        }
        stats.timeouts.increment();
        u.done = true;
        u.local = true;
        u.lastCode = 408;
        Cell cell = u.cell;
        if (cell.invite && u.provisional) {
            sendCancel(u);
            // wait for its 487 (to ACK it), at most 64*T1
            u.fr = env.timers().arm(env.owner(), () -> finalTimeout(u), env.config().timeout64());
        } else {
            u.tx.abandon();
        }
        roundMaybeDone(cell, w.ctx);
    }

    // ---- CANCEL ----------------------------------------------------------------------------

    /** t_relay on a CANCEL: 481 when it matches nothing; else 200, a CANCEL per pending branch. */
    private int cancel(SipContext ctx) {
        SipMessage m = ctx.message();
        Cell invite = servers.get(keys.cancelledInvite(m));
        if (invite == null) {
            stats.unmatchedCancels.increment();
            ctx.outbound().reply(ctx, 481, "Call/Transaction Does Not Exist");
            return 0;
        }
        int t = newTransaction(ctx); // the CANCEL's own transaction, for its retransmissions
        if (t <= 0) {
            return t;
        }
        Cell own = current(ctx);
        byte[] ok = "OK".getBytes(StandardCharsets.US_ASCII);
        localReply(own, ctx, 200, ok, ok.length);
        invite.cancelled = true;
        cancelPending(invite, null);
        if (invite.nrOfOutgoings == 0 && !invite.finalSent) { // created by t_newtran, never relayed
            byte[] reason = "Request Terminated".getBytes(StandardCharsets.US_ASCII);
            localReply(invite, ctx, 487, reason, reason.length);
            invite.finalSent = true;
        }
        return 0;
    }

    /** CANCELs every branch still waiting for its final reply, except keep. */
    private void cancelPending(Cell cell, Uac keep) {
        for (int i = 0; i < cell.nrOfOutgoings; i++) {
            Uac u = cell.uac[i];
            if (u != keep && !u.done) {
                sendCancel(u);
            }
        }
    }

    private void sendCancel(Uac u) {
        if (u.cancel != null || !u.cell.invite) {
            return;
        }
        if (!u.provisional) {
            u.cancelPending = true; // RFC 3261 9.1: not before a provisional reply
            return;
        }
        u.cancelPending = false;
        byte[] c = builder.cancel(u.tx.request());
        if (c == null) {
            return;
        }
        u.tx.stopRetransmissions();
        u.cancelKey = TransactionKeys.client(u.branch, "CANCEL");
        u.cancel = new ClientTransaction(env, new CancelUser(u), false, u.tx.proto(), u.tx.destination(), c);
        clients.put(u.cancelKey, u);
        stats.clientsInUse.increment();
        stats.branches.increment();
        u.cancel.start();
    }

    // ---- local replies ---------------------------------------------------------------------

    /** A reply of our own to the cell's request, sent and kept by its server transaction. */
    private boolean localReply(Cell cell, SipContext ctx, int code, byte[] reason, int reasonLength) {
        if (!cell.uas.canReply(code)) {
            return false;
        }
        loadRequest(cell, ctx);
        SipMessage m = ctx.message();
        ctx.nativeMessage();
        int tl = code > 100 ? toTags.write(m, tag, 0) : 0;
        OwnSocket socket = r.own.receivingSocket(cell.received);
        if (socket != null) {
            ctx.slot().setSendInfo(socket.sendInfo);
        }
        int n = ctx.slot().buildLocalReply(code, reason, reasonLength, tag, tl);
        byte[] b = new byte[n];
        ctx.slot().output().get(0, b, 0, n);
        boolean sent = cell.uas.sendReply(code, b, n);
        stats.local.increment();
        if (sent) {
            stats.finalReply(code);
        }
        r.counters.localReplies.increment();
        cell.lastLocal = true;
        if (code >= 200) {
            cell.finalSent = true;
        }
        return sent;
    }

    /** Makes ctx hold the cell's request (a copy of it) unless it already does. */
    private void loadRequest(Cell cell, SipContext ctx) {
        if (loaded == cell && loadedFor == ctx.id()) {
            return;
        }
        SipError e = ctx.load(ByteBuffer.wrap(cell.request), 0, cell.request.length, cell.framing, cell.received);
        if (e != SipError.NONE && problems.permit()) {
            log.warn("{}: the kept request parses with {}{}", cell, e, problems.note());
        }
        if (cell.newUri != null) {
            ctx.setNewUri(cell.newUri);
        }
        if (cell.dstUri != null) {
            ctx.setDstUri(cell.dstUri);
        }
        ctx.setFlags(cell.flags);
        loaded = cell;
        loadedFor = ctx.id();
        if (currentFor != -1 && current == cell) {
            currentFor = ctx.id();
        }
    }

    /** Where replies to the request in ctx go (RFC 3261 18.2.2, RFC 3581), as {@link ResponsePath} decides. */
    private ReceiveInfo replyTo(SipContext ctx, SipMessage m) {
        ReceiveInfo rcv = ctx.receiveInfo();
        if (rcv.proto() != Proto.UDP || m.topVia(via) != SipError.NONE || via.hasRport()) {
            return rcv;
        }
        int port = via.port() >= 0 ? via.port() : OwnAddresses.SIP_PORT;
        if (port == rcv.source().getPort()) {
            return rcv;
        }
        return new ReceiveInfo(rcv.proto(), new InetSocketAddress(rcv.source().getAddress(), port), rcv.local(), 0);
    }

    // ---- bookkeeping -----------------------------------------------------------------------

    private Cell current(SipContext ctx) {
        return currentFor == ctx.id() ? current : null;
    }

    private void setCurrent(SipContext ctx, Cell cell, int branch, int code) {
        current = cell;
        currentFor = cell == null ? -1 : ctx.id();
        currentBranch = branch;
        replyCode = code;
    }

    private void pending(SipContext ctx) {
        if (pendingFor != ctx.id()) {
            pendingFor = ctx.id();
            pendingFailure = null;
            pendingReply = null;
            pendingBranch = null;
            pendingFr = 0;
            pendingFrInv = 0;
        }
    }

    /** Once a final reply went up (or the cell is local), branches that still run can go when they end. */
    private void releaseIfDone(Cell cell) {
        if (cell.roundDone()) {
            for (int i = 0; i < cell.nrOfOutgoings; i++) {
                Uac u = cell.uac[i];
                if (u.tx.state() == TxState.TERMINATED) {
                    u.stopTimer();
                }
            }
        }
    }

    /** Transactions of this worker in the tables now: server side, client side. */
    int serverCount() {
        return servers.size();
    }

    int clientCount() {
        return clients.size();
    }

    private final class UasUser implements TransactionUser {
        private final Cell cell;

        UasUser(Cell cell) {
            this.cell = cell;
        }

        @Override
        public void terminated(Transaction t) {
            if (servers.remove(cell.serverKey, cell)) {
                stats.inUse.decrement();
            }
        }
    }

    private final class UacUser implements TransactionUser {
        private final Uac u;

        UacUser(Uac u) {
            this.u = u;
        }

        @Override
        public void timedOut(ClientTransaction t) {
            if (!u.done) {
                u.stopTimer();
                finalTimeout(u); // timer B or F before fr_timeout: the same 408
            }
        }

        @Override
        public void terminated(Transaction t) {
            if (clients.remove(u.clientKey, u)) {
                stats.clientsInUse.decrement();
            }
            if (u.done) {
                u.stopTimer();
            }
        }
    }

    private final class CancelUser implements TransactionUser {
        private final Uac u;

        CancelUser(Uac u) {
            this.u = u;
        }

        @Override
        public void terminated(Transaction t) {
            if (clients.remove(u.cancelKey, u)) {
                stats.clientsInUse.decrement();
            }
        }
    }
}
