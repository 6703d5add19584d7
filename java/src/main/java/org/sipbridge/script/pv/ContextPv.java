package org.sipbridge.script.pv;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.script.NativeRoutes;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1.11's pv contexts: {@code $(<request>hdr(X))}, {@code $(<reply>rs)}... read a
 * pseudo-variable on the message a module's context function returns for the current one
 * (register_pv_context; the real tm registers "request", the transaction's request, and
 * "reply", the reply of the branch it picked). NULL when the function gives no message (no
 * transaction, a reply tm made up itself), as in 1.11. The context is looked up by name
 * at the first read: modules register contexts in mod_init, after the script is compiled.
 * Another message than the current one is parsed for each read (not a hot path).
 */
final class ContextPv extends Pv {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");
    private final String context;
    private final Pv inner;
    private int index = -1;
    private volatile boolean reported;

    ContextPv(String text, String context, Pv inner) {
        super(text);
        this.context = context;
        this.inner = inner;
    }

    @Override
    public void get(ScriptState s, Value out) {
        CoreCalls c = NativeCore.get().calls();
        int i = index;
        if (i < 0) {
            index = i = c.sb_pv_context_index(context);
            if (i < 0) {
                if (!reported) {
                    reported = true;
                    LOG.error("{}: no module registered the pv context <{}>", text(), context);
                }
                out.setNull();
                return;
            }
        }
        long current = s.ctx.nativeMessage();
        long msg = c.sb_pv_context_msg(i, current);
        if (msg == 0) {
            out.setNull();
        } else if (msg == current) {
            inner.get(s, out);
        } else if (!NativeRoutes.get().evaluateOn(msg, inner, out)) {
            out.setNull();
        }
    }
}
