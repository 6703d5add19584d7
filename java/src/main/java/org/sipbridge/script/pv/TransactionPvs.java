package org.sipbridge.script.pv;

import org.sipbridge.core.TransactionLayer;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * tm's pseudo-variables, read from the worker's transaction layer: $T_reply_code (0 without
 * a reply or a transaction), $T_branch_idx (NULL outside branch and reply routes), $T_ruri
 * (NULL without a transaction). All NULL when the configuration does not load tm.
 */
final class TransactionPvs {
    private TransactionPvs() {
    }

    static void replyCode(ScriptState s, Value out) {
        TransactionLayer tm = s.ctx.transactions();
        if (tm == null) {
            out.setNull();
            return;
        }
        out.setInt(tm.replyCode(s.ctx));
    }

    static void branchIndex(ScriptState s, Value out) {
        TransactionLayer tm = s.ctx.transactions();
        int i = tm == null ? -1 : tm.branchIndex(s.ctx);
        if (i < 0) {
            out.setNull();
        } else {
            out.setInt(i);
        }
    }

    static void branchUri(ScriptState s, Value out) {
        TransactionLayer tm = s.ctx.transactions();
        String u = tm == null ? null : tm.branchUri(s.ctx);
        if (u == null) {
            out.setNull();
        } else {
            out.setString(u);
        }
    }
}
