package org.sipbridge.server;

import org.sipbridge.sip.CSeq;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.Via;

import java.nio.ByteBuffer;

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
 *
 * <p>One per worker: it parses the request into scratch objects of its own. What the
 * workers share is the immutable {@link ToTagPrefix}.
 */
final class ToTags {
    static final int LENGTH = 10 + 1 + 16;

    private final ToTagPrefix prefix;
    private final Via via = new Via();
    private final NameAddr from = new NameAddr();
    private final CSeq cseq = new CSeq();
    private final Hash64 hash = new Hash64();

    ToTags(ToTagPrefix prefix) {
        this.prefix = prefix;
    }

    /** A tag writer of its own for a prefix of 10 ASCII characters (tests). */
    ToTags(byte[] prefix) {
        this(new ToTagPrefix(prefix));
    }

    /** {@code sb} + 8 hex digits of the server's identity (its listening addresses): stable across restarts. */
    static byte[] serverPrefix(String identity) {
        return ToTagPrefix.of(identity).bytes();
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
        int n = prefix.copyTo(out, off);
        out[n] = '.';
        return Hash64.hex16(h.value(), out, n + 1);
    }

    /** True when the To tag [off, off+len) has the form of this server's tags. */
    boolean isOurs(ByteBuffer buf, int off, int len) {
        return prefix.isOurs(buf, off, len);
    }
}
