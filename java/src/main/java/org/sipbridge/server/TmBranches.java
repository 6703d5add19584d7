package org.sipbridge.server;

import org.sipbridge.core.DestinationSet;
import org.sipbridge.core.Proto;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.RunResult;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.tm.Cell;
import org.sipbridge.tm.ClientTransaction;
import org.sipbridge.tm.Transaction;
import org.sipbridge.tm.TransactionKeys;
import org.sipbridge.tm.TransactionUser;
import org.sipbridge.tm.Uac;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends the branches of a transaction (1.11's t_forward_nonack): one round is the R-URI (the
 * first round, or a new one set in a failure route) and every branch of the destination set;
 * each branch runs the transaction's branch_route first, then is built from the request, sent
 * by its own client transaction and gets its final-reply timer.
 */
final class TmBranches {
    static final int FLAG_NO_ERROR_REPLY = 0x02;
    static final int FLAG_REPLICATE = 0x100; // internal: t_replicate
    private static final int BRANCH_LUMPS_STOP = 0, BRANCH_LUMPS_MARK = 1, BRANCH_LUMPS_REMOVE = 2;

    private final TmWorker t;
    private final String branchPrefix;
    // the R-URI and $du as the failure route started, to see whether the script set new ones
    private String failureUri;
    private String failureDst;

    TmBranches(TmWorker t) {
        this.t = t;
        this.branchPrefix = "z9hG4bKsbt" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL)
                + "w" + t.w.rank + "x";
    }

    /** A failure route starts on ctx: what it must change to make the R-URI a new branch. */
    void failureRouteStarts(SipContext ctx) {
        failureUri = ctx.requestUri();
        failureDst = ctx.dstUri();
    }

    /** One round's targets (R-URI and $du of each branch), reused: rounds never nest. */
    private final String[] targetUri = new String[DestinationSet.MAX_BRANCHES + 1];
    private final String[] targetDst = new String[DestinationSet.MAX_BRANCHES + 1];

    /** One round of branches: the R-URI (first round, or a new one in a failure route) and the destination set. */
    int forwardRound(Cell cell, SipContext ctx, String destination, int flags) {
        boolean failure = ctx.routeType() == RouteType.FAILURE;
        if (failure && (cell.cancelled || cell.blocked)) {
            ctx.branches().clear();
            return -3;
        }
        cell.flags = ctx.flags(); // as 1.11: the transaction takes the message's flags before forwarding
        int targets = 0;
        String du = destination != null ? destination : ctx.dstUri();
        boolean ruriIsNew = !failure || destination != null || !Objects.equals(ctx.requestUri(), failureUri)
                || !Objects.equals(ctx.dstUri(), failureDst);
        if (ruriIsNew) {
            targetUri[targets] = ctx.newUri(); // null: the request's own R-URI (no String made for it)
            targetDst[targets++] = du;
        }
        DestinationSet set = ctx.branches();
        for (int i = 0; i < set.size() && targets < targetUri.length; i++) {
            DestinationSet.Branch b = set.get(i);
            targetUri[targets] = b.uri();
            targetDst[targets++] = b.dstUri() != null ? b.dstUri() : destination;
        }
        set.clear();
        if (targets == 0) {
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
        for (int i = 0; i < targets; i++) {
            String uri = targetUri[i];
            String dst = targetDst[i];
            targetUri[i] = null;
            targetDst[i] = null;
            if (cell.nrOfOutgoings >= cell.uac.length) {
                if (t.problems.permit()) {
                    TmWorker.log.warn("{}: no more than {} branches{}", cell, cell.uac.length, t.problems.note());
                }
                continue; // (the rest of the arrays is cleared too)
            }
            if (sendBranch(cell, ctx, uri, dst)) {
                sent++;
            }
        }
        setUris(ctx, keepUri, keepDst);
        // flags and AVPs the branch routes set belong to the transaction (1.11: the request's AVP
        // list is the transaction's from its creation on; its flags are taken after the branches)
        cell.flags = ctx.flags();
        cell.avps.copyFrom(ScriptState.of(ctx).avps);
        if (sent > 0) {
            return 1;
        }
        cell.firstBranch = previousFirst; // nothing went out: the round that failed stays the current one
        if ((flags & FLAG_NO_ERROR_REPLY) == 0 && !failure && !cell.finalSent) {
            t.local.send(cell, ctx, 500, TmLocalReplies.UNABLE);
            return 0; // answered: the script ends, as 1.11 does after its error reply
        }
        return -6;
    }

    private boolean sendBranch(Cell cell, SipContext ctx, String uri, String dst) {
        int index = cell.nrOfOutgoings;
        setUris(ctx, uri, dst);
        if (cell.onBranch == null) {
            return sendBuilt(cell, ctx, null);
        }
        TmCurrent cur = t.current;
        ctx.nativeMessage(); // the branch's lumps are marked in the C view, so it must exist first
        ctx.slot().branchLumps(BRANCH_LUMPS_MARK);
        try {
            String onReply = null;
            cur.set(ctx, cell, index, 0);
            cur.pendingFor = -1;
            RunResult rr;
            try {
                rr = t.r.script.runRoute(BlockKind.BRANCH, cell.onBranch, ctx).orElse(RunResult.COMPLETED);
            } finally {
                ctx.slot().branchLumps(BRANCH_LUMPS_STOP); // lumps of the build itself (Via received) stay
            }
            if (cur.pendingFor == ctx.id()) {
                onReply = cur.pendingReply;
                cur.pendingFor = -1;
            }
            cur.set(ctx, cell, -1, 0);
            if (rr == RunResult.DROPPED) {
                return false;
            }
            return sendBuilt(cell, ctx, onReply); // with the R-URI and $du the route left
        } finally {
            ctx.slot().branchLumps(BRANCH_LUMPS_REMOVE); // the next branch starts from the request again
        }
    }

    /** $ru (null: the request's own) and $du of the branch, each only when it changes (the C view copies them). */
    private static void setUris(SipContext ctx, String uri, String dst) {
        if (!Objects.equals(uri, ctx.newUri())) {
            ctx.setNewUri(uri);
        }
        if (!Objects.equals(dst, ctx.dstUri())) {
            ctx.setDstUri(dst);
        }
    }

    /** Builds the next branch from the request in ctx (its R-URI, $du and lumps) and sends it. */
    private boolean sendBuilt(Cell cell, SipContext ctx, String onReply) {
        int index = cell.nrOfOutgoings;
        String uri = ctx.requestUri();
        String branch = branchPrefix + cell.label + "." + index;
        ByteBuffer out = t.forwarder.buildBranch(ctx, null, branch.getBytes(StandardCharsets.US_ASCII));
        if (out == null) {
            return false;
        }
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        out.clear();
        Proto proto = t.w.next.proto();
        InetSocketAddress to = t.w.next.address();
        Uac u = new Uac(cell, index, uri, branch);
        u.onReply = onReply;
        u.clientKey = TransactionKeys.client(branch, cell.method);
        u.tx = new ClientTransaction(t.env, new UacUser(u), cell.invite, proto, to, bytes);
        cell.uac[index] = u;
        cell.nrOfOutgoings++;
        t.tables.addClient(u.clientKey, u);
        t.stats.branches.increment();
        if (!u.tx.start()) {
            u.done = true;
            u.local = true;
            u.lastCode = 503;
            if (t.problems.permit()) {
                TmWorker.log.warn("{}: branch {} to {} could not be sent{}", cell, index, to, t.problems.note());
            }
            cell.nrOfOutgoings--;
            cell.uac[index] = null;
            t.tables.removeClient(u.clientKey, u);
            return false;
        }
        t.r.counters.forwarded.increment();
        armFinalTimer(u, cell.frTimeout);
        return true;
    }

    /** The branch's final-reply timer: ms from now, replacing the one armed. */
    void armFinalTimer(Uac u, long ms) {
        u.stopTimer();
        u.fr = t.env.timers().arm(t.env.owner(), () -> t.failures.finalTimeout(u), ms);
    }

    /** A branch's client transaction tells its TU (timer B/F, its end). */
    private final class UacUser implements TransactionUser {
        private final Uac u;

        UacUser(Uac u) {
            this.u = u;
        }

        @Override
        public void timedOut(ClientTransaction tx) {
            if (!u.done) {
                u.stopTimer();
                t.failures.finalTimeout(u); // timer B or F before fr_timeout: the same 408
            }
        }

        @Override
        public void terminated(Transaction tx) {
            t.tables.removeClient(u.clientKey, u);
            if (u.done) {
                u.stopTimer();
            }
        }
    }
}
