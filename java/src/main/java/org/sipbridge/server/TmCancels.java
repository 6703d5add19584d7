package org.sipbridge.server;

import org.sipbridge.core.SipContext;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.tm.Cell;
import org.sipbridge.tm.ClientTransaction;
import org.sipbridge.tm.RequestBuilder;
import org.sipbridge.tm.Transaction;
import org.sipbridge.tm.TransactionKeys;
import org.sipbridge.tm.TransactionUser;
import org.sipbridge.tm.Uac;

/**
 * CANCEL (RFC 3261 9, 16.10): t_relay on a CANCEL answers it 200 in a transaction of its own
 * and CANCELs every pending branch of its INVITE (a branch without a provisional reply gets
 * its CANCEL when one comes, 9.1); a CANCEL that matches nothing gets 481. The proxy also
 * CANCELs branches itself: the others after a 2xx or 6xx, a branch whose timer fired.
 */
final class TmCancels {
    private final TmWorker t;
    private final RequestBuilder builder = new RequestBuilder();

    TmCancels(TmWorker t) {
        this.t = t;
    }

    /** t_relay on a CANCEL: 481 when it matches nothing; else 200, a CANCEL per pending branch. */
    int cancel(SipContext ctx, StatefulProxy proxy) {
        SipMessage m = ctx.message();
        Cell invite = t.tables.server(t.tables.keys.cancelledInvite(m));
        if (invite == null) {
            t.stats.unmatchedCancels.increment();
            ctx.outbound().reply(ctx, 481, "Call/Transaction Does Not Exist");
            return 0;
        }
        int n = proxy.newTransaction(ctx); // the CANCEL's own transaction, for its retransmissions
        if (n <= 0) {
            return n;
        }
        Cell own = t.current.get(ctx);
        t.local.send(own, ctx, 200, TmLocalReplies.OK);
        invite.cancelled = true;
        cancelPending(invite, null);
        if (invite.nrOfOutgoings == 0 && !invite.finalSent) { // created by t_newtran, never relayed
            t.local.send(invite, ctx, 487, TmLocalReplies.TERMINATED);
            invite.finalSent = true;
        }
        return 0;
    }

    /** CANCELs every branch still waiting for its final reply, except keep. */
    void cancelPending(Cell cell, Uac keep) {
        for (int i = 0; i < cell.nrOfOutgoings; i++) {
            Uac u = cell.uac[i];
            if (u != keep && !u.done) {
                sendCancel(u);
            }
        }
    }

    void sendCancel(Uac u) {
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
        u.cancel = new ClientTransaction(t.env, new CancelUser(u), false, u.tx.proto(), u.tx.destination(), c);
        t.tables.addClient(u.cancelKey, u);
        t.stats.branches.increment();
        u.cancel.start();
    }

    private final class CancelUser implements TransactionUser {
        private final Uac u;

        CancelUser(Uac u) {
            this.u = u;
        }

        @Override
        public void terminated(Transaction tx) {
            t.tables.removeClient(u.cancelKey, u);
        }
    }
}
