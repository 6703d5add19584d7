package org.sipbridge.server;

import org.sipbridge.sip.CSeq;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.Via;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The To-tag of the server's stateless replies. It is derived from the request, so every
 * retransmission of a request gets the same tag (RFC 3261 8.2.6.2: a UAS must answer a
 * retransmission as it answered the original), and a CANCEL gets its INVITE's tag (9.2):
 * a hash of the Call-ID, the From tag, the CSeq number and the top Via branch (the whole top
 * Via for an RFC 2543 client without a branch).
 *
 * <p>Tags are {@code <prefix>.<16 hex digits>} with a prefix of this server ({@code sb} and
 * 8 hex digits of its listening addresses). An ACK whose To-tag has that form acknowledges a
 * negative stateless reply of this server: the ACK ends there (OpenSIPS's sl module absorbs
 * it the same way) instead of being forwarded to a UAS that never saw the INVITE's answer.
 */
final class ToTags {
    static final int LENGTH = 10 + 1 + 16;

    private final byte[] prefix;
    private final Via via = new Via();
    private final NameAddr from = new NameAddr();
    private final CSeq cseq = new CSeq();
    private final Hash64 hash = new Hash64();

    /** prefix: 10 ASCII characters naming this server (see {@link #serverPrefix}). */
    ToTags(byte[] prefix) {
        if (prefix.length != 10) {
            throw new IllegalArgumentException("a To-tag prefix has 10 characters");
        }
        this.prefix = prefix.clone();
    }

    /** {@code sb} + 8 hex digits of the server's identity (its listening addresses): stable across restarts. */
    static byte[] serverPrefix(String identity) {
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[10];
        p[0] = 's';
        p[1] = 'b';
        Hash64.hex8(new Hash64().reset(3).add(id, 0, id.length).value(), p, 2);
        return p;
    }

    /** Writes the tag for request m at out[off..off+LENGTH); returns off + LENGTH. */
    int write(SipMessage m, byte[] out, int off) {
        ByteBuffer buf = m.buffer();
        Hash64 h = hash.reset(4);
        int callId = m.firstHeader(HeaderType.CALL_ID);
        if (callId != SipMessage.ABSENT) {
            h.add(buf, m.headerValueOffset(callId), m.headerValueLength(callId));
        }
        if (m.from(from) == SipError.NONE) {
            h.add(buf, from.tagOffset(), from.tagLength());
        }
        if (m.cseq(cseq) == SipError.NONE) {
            h.add(buf, cseq.numberOffset(), cseq.numberLength());
        }
        if (m.topVia(via) == SipError.NONE) {
            if (via.hasBranch()) {
                h.add(buf, via.branchOffset(), via.branchLength());
            } else {
                h.add(buf, via.valueOffset(), via.valueLength());
            }
        }
        System.arraycopy(prefix, 0, out, off, prefix.length);
        out[off + prefix.length] = '.';
        return Hash64.hex16(h.value(), out, off + prefix.length + 1);
    }

    /** True when the To tag [off, off+len) has the form of this server's tags. */
    boolean isOurs(ByteBuffer buf, int off, int len) {
        if (len != LENGTH || buf.get(off + prefix.length) != '.') {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.get(off + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
