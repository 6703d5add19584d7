package org.sipbridge.server;

import org.sipbridge.core.SipContext;
import org.sipbridge.tm.Cell;

/**
 * The transaction of the message being processed (1.11's T) and what the script armed before
 * a transaction existed (t_on_*, t_set_fr in the request route). Each value is bound to the
 * id of the message it was set for, so nothing leaks into the next message: a new message
 * (a new {@link SipContext#id()}) sees no current transaction and nothing pending.
 */
final class TmCurrent {
    private Cell cell;
    private int cellFor = -1;
    /** The branch whose route runs now (branch and reply routes), else -1. */
    int branch = -1;
    /** The reply code the routes see ($T_reply_code), 0 to use the last reply sent. */
    int replyCode;

    // the cell whose request is loaded in ctx (for local replies)
    private Cell loaded;
    private int loadedFor = -1;

    // armed before the transaction exists, for the message pendingFor
    int pendingFor = -1;
    String pendingFailure;
    String pendingReply;
    String pendingBranch;
    long pendingFr;
    long pendingFrInv;

    Cell get(SipContext ctx) {
        return cellFor == ctx.id() ? cell : null;
    }

    void set(SipContext ctx, Cell c, int branchIndex, int code) {
        cell = c;
        cellFor = c == null ? -1 : ctx.id();
        branch = branchIndex;
        replyCode = code;
    }

    /** Starts the pending values for this message (once per message). */
    void pending(SipContext ctx) {
        if (pendingFor != ctx.id()) {
            pendingFor = ctx.id();
            pendingFailure = null;
            pendingReply = null;
            pendingBranch = null;
            pendingFr = 0;
            pendingFrInv = 0;
        }
    }

    boolean isLoaded(Cell c, SipContext ctx) {
        return loaded == c && loadedFor == ctx.id();
    }

    /** ctx now holds c's request (a new message id): c stays current if it was. */
    void loaded(Cell c, SipContext ctx) {
        loaded = c;
        loadedFor = ctx.id();
        if (cellFor != -1 && cell == c) {
            cellFor = ctx.id();
        }
    }
}
