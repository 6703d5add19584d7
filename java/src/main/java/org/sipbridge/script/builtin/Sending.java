package org.sipbridge.script.builtin;

import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.pv.CompiledFormat;
import org.sipbridge.script.pv.PvResolver;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.util.List;

/** sl_send_reply(code, reason), forward(), forward(uri): through the context's SipOutbound. */
final class Sending {
    private Sending() {
    }

    /** Code and reason may hold pseudo-variables; constant ones are checked and kept as they are. */
    static CallSite reply(PvResolver pvs, List<Argument> args) {
        CompiledFormat codeFormat = Args.format(pvs, "sl_send_reply", 1, args.get(0));
        CompiledFormat reasonFormat = Args.format(pvs, "sl_send_reply", 2, args.get(1));
        int constantCode = codeFormat.isConstant() ? checkedCode(codeFormat.evaluate(null)) : 0;
        String constantReason = reasonFormat.isConstant() ? reasonFormat.evaluate(null) : null;
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            int code = constantCode;
            String reason = constantReason;
            if (code == 0 || reason == null) {
                ScriptState s = ScriptState.of(sc);
                int mark = s.mark();
                Value v = s.temp();
                if (code == 0) {
                    codeFormat.eval(s, v);
                    code = v.parsedInt(0);
                }
                if (reason == null) {
                    reasonFormat.eval(s, v);
                    reason = v.asString();
                }
                s.release(mark);
                if (code < 100 || code > 699) {
                    return -1;
                }
            }
            return sc.outbound().reply(sc, code, reason) ? 1 : -1;
        };
    }

    private static int checkedCode(String text) {
        try {
            int code = Integer.parseInt(text.trim());
            if (code >= 100 && code <= 699) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModuleException("sl_send_reply: bad reply code <" + text + ">, expected a number from 100 to 699");
    }

    /** forward(): to $du if set, else the R-URI (the outbound decides). */
    static CallSite forward(List<Argument> args) {
        return ctx -> ctx instanceof SipContext sc && sc.outbound().forward(sc, null) ? 1 : -1;
    }

    /** forward(uri): a SIP URI or proto:host:port, possibly with pseudo-variables. */
    static CallSite forwardTo(PvResolver pvs, List<Argument> args) {
        CompiledFormat to = Args.format(pvs, "forward", 1, args.get(0));
        String constant = to.isConstant() ? to.evaluate(null) : null;
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            String destination = constant != null ? constant : to.evaluate(sc);
            return sc.outbound().forward(sc, destination) ? 1 : -1;
        };
    }
}
