package org.sipbridge.script.pv;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.CSeq;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipMessage;

import java.nio.ByteBuffer;

/** Pseudo-variables read from the message as received: first line, common headers, body. */
final class MessagePvs {
    private MessagePvs() {
    }

    /** Copies [off, off+len) of the message, or null when off is absent. */
    static void range(Value out, ByteBuffer buf, int off, int len) {
        if (off < 0) {
            out.setNull();
        } else {
            out.copyOf(buf, off, len);
        }
    }

    /** $rm: the request method; for a reply, the method of its CSeq. */
    static void method(ScriptState s, Value out) {
        SipMessage m = s.message();
        if (m.isRequest()) {
            range(out, m.buffer(), m.methodOffset(), m.methodLength());
            return;
        }
        CSeq c = s.cseq();
        if (c == null) {
            out.setNull();
        } else {
            range(out, m.buffer(), c.methodOffset(), c.methodLength());
        }
    }

    /** $rs: the status code of a reply. */
    static void status(ScriptState s, Value out) {
        SipMessage m = s.message();
        if (m.isResponse()) {
            out.setInt(m.statusCode());
        } else {
            out.setNull();
        }
    }

    /** $rr: the reason phrase of a reply. */
    static void reason(ScriptState s, Value out) {
        SipMessage m = s.message();
        if (m.isResponse()) {
            range(out, m.buffer(), m.reasonOffset(), m.reasonLength());
        } else {
            out.setNull();
        }
    }

    /** The value of the first header of a type. */
    static Pv.Reader header(HeaderType type) {
        return (s, out) -> {
            SipMessage m = s.message();
            int i = m.firstHeader(type);
            if (i < 0) {
                out.setNull();
            } else {
                out.copyOf(m.buffer(), m.headerValueOffset(i), m.headerValueLength(i));
            }
        };
    }

    /** $cs: the CSeq number. */
    static void cseqNumber(ScriptState s, Value out) {
        CSeq c = s.cseq();
        if (c == null) {
            out.setNull();
        } else {
            out.copyOf(s.message().buffer(), c.numberOffset(), c.numberLength());
            int n = out.parsedInt(-1);
            if (n >= 0) {
                out.setInt(n);
            }
        }
    }

    /** $cl: the Content-Length header as a number. */
    static void contentLength(ScriptState s, Value out) {
        long cl = s.message().contentLength();
        if (cl < 0 || cl > Integer.MAX_VALUE) {
            out.setNull();
        } else {
            out.setInt((int) cl);
        }
    }

    /** $mb: the whole message. */
    static void buffer(ScriptState s, Value out) {
        SipMessage m = s.message();
        out.copyOf(m.buffer(), m.offset(), m.length());
    }

    /** $ml: the message length. */
    static void length(ScriptState s, Value out) {
        out.setInt(s.message().length());
    }

    /** $rb: the body. */
    static void body(ScriptState s, Value out) {
        SipMessage m = s.message();
        if (m.bodyOffset() < 0) {
            out.clearString();
        } else {
            out.copyOf(m.buffer(), m.bodyOffset(), m.bodyLength());
        }
    }

    /** $mi: the message id. */
    static void messageId(ScriptState s, Value out) {
        out.setInt(s.ctx.id());
    }

    /** $fn: the From display name as written. */
    static void fromName(ScriptState s, Value out) {
        NameAddr f = s.from();
        if (f == null || f.displayNameOffset() < 0) {
            out.setNull();
        } else {
            range(out, s.message().buffer(), f.displayNameOffset(), f.displayNameLength());
        }
    }
}
