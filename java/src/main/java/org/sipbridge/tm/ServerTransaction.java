package org.sipbridge.tm;

import org.sipbridge.core.ReceiveInfo;

/**
 * A server transaction (RFC 3261 17.2): the request received, the replies the TU sends for
 * it, the last one kept for retransmissions of the request.
 * <ul>
 * <li>INVITE: Proceeding (the TU's 1xx re-sent for each request retransmission),
 *     Accepted after a 2xx (RFC 6026: request retransmissions absorbed, further 2xx from the
 *     TU sent; timer L = 64*T1), Completed after 300-699 (timer G re-sends it over UDP at T1,
 *     doubling up to T2, until the ACK; timer H = 64*T1 gives up), Confirmed on the ACK
 *     (timer I = T4 over UDP, 0 over TCP, absorbs ACK retransmissions), Terminated.</li>
 * <li>non-INVITE: Trying, Proceeding after a 1xx, Completed after a final reply (timer J =
 *     64*T1 over UDP, 0 over TCP, the final reply re-sent for each retransmission), Terminated.</li>
 * </ul>
 */
public final class ServerTransaction extends Transaction {
    private final ReceiveInfo replyTo;
    private byte[] lastReply;
    private int lastReplyLength;
    private int lastCode;

    public ServerTransaction(TmEnv env, TransactionUser user, boolean invite, ReceiveInfo replyTo) {
        super(env, user, invite, replyTo.proto().isStream());
        this.replyTo = replyTo;
        this.state = invite ? TxState.PROCEEDING : TxState.TRYING;
    }

    public ReceiveInfo replyTo() {
        return replyTo;
    }

    /** The code of the last reply sent, 0 before any. */
    public int lastCode() {
        return lastCode;
    }

    /** A retransmission of the request: the last reply goes out again (not in Accepted or Confirmed). */
    public void onRetransmission() {
        if (lastReply != null && (state == TxState.PROCEEDING || state == TxState.COMPLETED)) {
            sender.sendReply(replyTo, lastReply, lastReplyLength);
        }
    }

    /**
     * An ACK matched this INVITE transaction. True when it is the ACK of our non-2xx reply
     * (absorbed here); false when the TU must handle it (after a 2xx: an RFC 2543 client's
     * end-to-end ACK that carries the INVITE's Via).
     */
    public boolean onAck() {
        if (!invite) {
            return true;
        }
        switch (state) {
            case COMPLETED -> {
                cancel(G);
                cancel(H);
                state = TxState.CONFIRMED;
                arm(I, reliable ? 0 : config.t4());
                return true;
            }
            case ACCEPTED -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** True when the TU may still send a reply: a final one not yet sent (or a 2xx again after a 2xx). */
    public boolean canReply(int code) {
        return switch (state) {
            case TRYING, PROCEEDING -> true;
            case ACCEPTED -> code >= 200 && code < 300;
            default -> false;
        };
    }

    /** The TU's reply data[0..length) with that code; false when the state does not allow it or the send failed. */
    public boolean sendReply(int code, byte[] data, int length) {
        if (!canReply(code)) {
            return false;
        }
        boolean sent = sender.sendReply(replyTo, data, length);
        if (state == TxState.ACCEPTED) {
            return sent; // a 2xx retransmission from downstream, passed on
        }
        lastReply = data;
        lastReplyLength = length;
        lastCode = code;
        if (code < 200) {
            state = TxState.PROCEEDING;
        } else if (invite && code < 300) {
            state = TxState.ACCEPTED;
            arm(L, config.timeout64());
        } else if (invite) {
            state = TxState.COMPLETED;
            interval = config.t1();
            if (!reliable) {
                arm(G, interval);
            }
            arm(H, config.timeout64());
        } else {
            state = TxState.COMPLETED;
            arm(J, reliable ? 0 : config.timeout64());
        }
        return sent;
    }

    /** The TU drops the transaction without a final reply (t_replicate, a script that never answered). */
    public void abandon() {
        terminate();
    }

    @Override
    protected void fire(int timer) {
        switch (timer) {
            case G -> {
                sender.sendReply(replyTo, lastReply, lastReplyLength);
                interval = Math.min(interval * 2, config.t2());
                arm(G, interval);
            }
            case H -> {
                terminate();
                user.ackTimedOut(this);
            }
            case I, J, L -> terminate();
            default -> throw new IllegalStateException("timer " + timerName(timer) + " in a server transaction");
        }
    }

    @Override
    public String toString() {
        return (invite ? "INVITE" : "non-INVITE") + " server transaction from " + replyTo.source() + " " + state;
    }
}
