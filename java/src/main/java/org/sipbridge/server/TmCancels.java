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
    /** t_relay flag 0x08 (1.11's reason flag): the CANCEL's own Reason header goes downstream. */
    static final int FLAG_CANCEL_REASON = 0x08;
    /** What 1.11 puts in the CANCELs it sends for a CANCEL from upstream when it passes no Reason on. */
    private static final byte[] ORIGINATOR_CANCEL =
            "Reason: SIP;cause=487;text=\"ORIGINATOR_CANCEL\"\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final TmWorker t;
    private final RequestBuilder builder;

    TmCancels(TmWorker t) {
        this.t = t;
        this.builder = new RequestBuilder(Signature.userAgentLine(t.r.script.config())); // 1.11: User-Agent on our CANCELs
    }

    /** t_relay on a CANCEL: 481 when it matches nothing; else 200, a CANCEL per pending branch. */
    int cancel(SipContext ctx, StatefulProxy proxy, int flags) {
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
        byte[] reason = (flags & FLAG_CANCEL_REASON) != 0 ? reasonOf(m) : null;
        t.local.send(own, ctx, 200, TmLocalReplies.OK);
        invite.cancelled = true;
        cancelPending(invite, null, reason != null ? reason : ORIGINATOR_CANCEL);
        if (invite.nrOfOutgoings == 0 && !invite.finalSent) { // created by t_newtran, never relayed
            t.local.send(invite, ctx, 487, TmLocalReplies.TERMINATED);
            invite.finalSent = true;
        }
        return 0;
    }

    /** The Reason header lines of the CANCEL m (with CRLF), or null when it has none. */
    private static byte[] reasonOf(SipMessage m) {
        java.io.ByteArrayOutputStream out = null;
        for (int h = m.firstHeader(org.sipbridge.sip.HeaderType.REASON); h != SipMessage.ABSENT; h = m.nextHeader(h)) {
            if (out == null) {
                out = new java.io.ByteArrayOutputStream(128);
            }
            int off = m.headerLineOffset(h);
            int end = off + m.headerLineLength(h);
            while (end > off && (m.buffer().get(end - 1) == '\n' || m.buffer().get(end - 1) == '\r')) {
                end--;
            }
            for (int i = off; i < end; i++) {
                out.write(m.buffer().get(i));
            }
            out.write('\r');
            out.write('\n');
        }
        return out == null ? null : out.toByteArray();
    }

    /** CANCELs every branch still waiting for its final reply, except keep. */
    void cancelPending(Cell cell, Uac keep) {
        cancelPending(cell, keep, null);
    }

    /** The same, the CANCELs carrying extra header lines (null for none). */
    void cancelPending(Cell cell, Uac keep, byte[] headers) {
        for (int i = 0; i < cell.nrOfOutgoings; i++) {
            Uac u = cell.uac[i];
            if (u != keep && !u.done) {
                if (headers != null) {
                    u.cancelHeaders = headers;
                }
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
        byte[] c = builder.cancel(u.tx.request(), u.cancelHeaders);
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
