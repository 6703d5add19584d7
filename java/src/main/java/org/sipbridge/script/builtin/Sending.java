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
    static CallSite reply(PvResolver pvs, List<Argument> args, String function) {
        CompiledFormat codeFormat = Args.format(pvs, function, 1, args.get(0));
        CompiledFormat reasonFormat = Args.format(pvs, function, 2, args.get(1));
        int constantCode = codeFormat.isConstant() ? checkedCode(function, codeFormat.evaluate(null)) : 0;
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

    private static int checkedCode(String function, String text) {
        try {
            int code = Integer.parseInt(text.trim());
            if (code >= 100 && code <= 699) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModuleException(function + ": bad reply code <" + text + ">, expected a number from 100 to 699");
    }

    /**
     * sl_reply_error(): a reply made of the error the previous function call left (1.11's
     * prev_ser_error), e.g. "400 Bad Request (400/SL)"; 500 "Server error occurred (1/SL)"
     * when it left none.
     */
    static CallSite replyError(List<Argument> args) {
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            int error = ScriptState.of(sc).prevSerError;
            return sc.outbound().reply(sc, org.sipbridge.script.run.ScriptErrors.sipCode(error),
                    org.sipbridge.script.run.ScriptErrors.reason(error, "SL")) ? 1 : -1;
        };
    }

    /** False for a sip:/sips: destination that is not a valid URI (the other forms are host[:port]). */
    private static boolean uriParses(String destination) {
        if (destination == null || destination.isEmpty()) {
            return false;
        }
        String lower = destination.length() > 5 ? destination.substring(0, 5).toLowerCase(java.util.Locale.ROOT) : destination;
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            return true;
        }
        byte[] b = destination.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.sipbridge.sip.SipUri uri = new org.sipbridge.sip.SipUri();
        return uri.parse(java.nio.ByteBuffer.wrap(b), 0, b.length) == org.sipbridge.sip.SipError.NONE && uri.hostOffset() >= 0;
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
            if (constant == null && !uriParses(destination)) {
                ScriptState.of(sc).serError = org.sipbridge.script.run.ScriptErrors.E_BAD_URI; // as 1.11's parse_uri
                return -1;
            }
            return sc.outbound().forward(sc, destination) ? 1 : -1;
        };
    }
}
