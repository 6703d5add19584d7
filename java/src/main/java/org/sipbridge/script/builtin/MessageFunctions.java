package org.sipbridge.script.builtin;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.pv.CompiledFormat;
import org.sipbridge.script.pv.PvResolver;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.CSeq;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * append_hf, remove_hf (through the native lump helpers, like C modules), is_method,
 * has_totag, msg_apply_changes.
 */
final class MessageFunctions {
    private MessageFunctions() {
    }

    /** append_hf(text): text is a whole header line, CRLF included, added after the last header. */
    static CallSite appendHf(PvResolver pvs, CoreCalls calls, List<Argument> args) {
        CompiledFormat text = Args.format(pvs, "append_hf", 1, args.get(0));
        byte[] constant = text.constantBytes();
        com.sun.jna.Memory constantText = constant == null ? null : nativeCopy(constant);
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            long msg = sc.nativeMessage();
            if (constant != null) {
                return calls.sb_script_append_hf(msg, com.sun.jna.Pointer.nativeValue(constantText), constant.length);
            }
            ScriptState s = ScriptState.of(sc);
            int mark = s.mark();
            Value v = s.temp();
            text.eval(s, v);
            int r = v.length() == 0 ? -1
                    : calls.sb_script_append_hf(msg, s.nativeText(v.bytes(), v.offset(), v.length()), v.length());
            s.release(mark);
            return r;
        };
    }

    /** remove_hf(name): every header with that name (compact forms too); the count removed, or -1. */
    static CallSite removeHf(CoreCalls calls, List<Argument> args) {
        if (!args.get(0).isConstant()) {
            throw new ModuleException("remove_hf: the header name must be a constant, not <" + args.get(0).text() + ">");
        }
        byte[] name = args.get(0).text().trim().getBytes(StandardCharsets.UTF_8);
        if (name.length == 0) {
            throw new ModuleException("remove_hf: empty header name");
        }
        com.sun.jna.Memory nativeName = nativeCopy(name);
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            int n = calls.sb_script_remove_hf(sc.nativeMessage(), com.sun.jna.Pointer.nativeValue(nativeName), name.length);
            return n > 0 ? n : -1;
        };
    }

    /**
     * A constant's bytes in native memory, made once when the call site is bound; the call
     * site holds it (so it lives as long as the call site) and every worker only reads it.
     */
    private static com.sun.jna.Memory nativeCopy(byte[] bytes) {
        com.sun.jna.Memory m = new com.sun.jna.Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    /** is_method("INVITE|BYE"): the request's method, or a reply's CSeq method. */
    static CallSite isMethod(List<Argument> args) {
        if (!args.get(0).isConstant()) {
            throw new ModuleException("is_method: the method list must be a constant, not <" + args.get(0).text() + ">");
        }
        MethodList list = new MethodList(args.get(0).text());
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            SipMessage m = sc.message();
            if (m.isRequest()) {
                return list.matches(m.method(), m.buffer(), m.methodOffset(), m.methodLength()) ? 1 : -1;
            }
            CSeq c = ScriptState.of(sc).cseq();
            return c != null && list.matches(c.method(), m.buffer(), c.methodOffset(), c.methodLength()) ? 1 : -1;
        };
    }

    /** has_totag(): the To header has a tag (an in-dialog request). */
    static CallSite hasTotag(List<Argument> args) {
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            ScriptState s = ScriptState.of(sc);
            NameAddr to = s.to();
            if (to == null) {
                s.serError = org.sipbridge.script.run.ScriptErrors.E_BAD_REQ; // 1.11: the header parse failed
                return -1;
            }
            return to.tagOffset() >= 0 && to.tagLength() > 0 ? 1 : -1;
        };
    }

    /** msg_apply_changes(): lumps become part of the message, re-parsed (later reads see them). */
    static CallSite applyChanges(List<Argument> args) {
        return ctx -> ctx instanceof SipContext sc && sc.applyChanges() == SipError.NONE ? 1 : -1;
    }
}
