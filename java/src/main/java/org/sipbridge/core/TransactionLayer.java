package org.sipbridge.core;

/**
 * The transaction layer a worker offers the script (sipbridge's tm, {@code org.sipbridge.tm}):
 * what the 1.11 tm functions and pseudo-variables do on the message in ctx. Return values are
 * tm's: positive true, negative false, 0 ends the script. One per worker, used on its thread.
 */
public interface TransactionLayer {
    /** t_relay([proxy], [flags]); destination null: $du, else the R-URI, and the destination set. */
    int relay(SipContext ctx, String destination, int flags);

    /** t_newtran(). */
    int newTransaction(SipContext ctx);

    /** t_reply(code, reason). */
    int reply(SipContext ctx, int code, String reason);

    /** t_check_trans(). */
    int checkTransaction(SipContext ctx);

    /** t_on_failure / t_on_reply / t_on_branch: which = 'f', 'r', 'b'. */
    int arm(SipContext ctx, char which, String route);

    /** t_was_cancelled(). */
    int wasCancelled(SipContext ctx);

    /** t_local_replied("all" | "last"). */
    int localReplied(SipContext ctx, boolean all);

    /** t_is_expired(). */
    int isExpired(SipContext ctx);

    /** t_flush_flags(). */
    int flushFlags(SipContext ctx);

    /** t_replicate(uri, flags). */
    int replicate(SipContext ctx, String uri, int flags);

    /** t_set_fr(fr_inv_timeout_ms, fr_timeout_ms); 0 keeps the default. */
    int setFinalResponseTimeouts(SipContext ctx, int invMs, int nonInvMs);

    /** $T_reply_code: 0 when there is none. */
    int replyCode(SipContext ctx);

    /** $T_branch_idx: -1 outside branch and reply routes. */
    int branchIndex(SipContext ctx);

    /** $T_ruri: the R-URI of the current branch, null without a transaction. */
    String branchUri(SipContext ctx);
}
