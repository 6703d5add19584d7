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
 * The branch of the Via a stateless proxy adds (RFC 3261 16.11): it must be the same for
 * every retransmission of a request, and a CANCEL or an ACK for a non-2xx reply must get the
 * branch of their INVITE, because the next hop matches them to the INVITE's transaction by
 * it. A stateless proxy keeps no state, so the branch is computed from the request:
 * <ul>
 * <li>when the received top Via branch starts with the magic cookie (an RFC 3261 client),
 *     from that branch alone (a CANCEL and a non-2xx ACK carry their INVITE's branch);</li>
 * <li>otherwise (RFC 2543), from the top Via, the From tag, the Call-ID, the CSeq number
 *     (not its method) and the Request-URI. The To tag, which RFC 16.11 also lists, is left
 *     out: the ACK for a non-2xx reply carries the reply's To tag, its INVITE none, and both
 *     must map to one branch.</li>
 * </ul>
 * The result is {@code z9hG4bK} + {@code sb} + 16 hex digits. One per worker (reusable parse objects).
 */
final class BranchIds {
    static final byte[] MAGIC_COOKIE = "z9hG4bK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = "z9hG4bKsb".getBytes(StandardCharsets.US_ASCII);
    static final int LENGTH = PREFIX.length + 16;

    private final Via via = new Via();
    private final NameAddr from = new NameAddr();
    private final CSeq cseq = new CSeq();
    private final Hash64 hash = new Hash64();

    /** Writes the branch for request m at out[off..off+LENGTH); returns off + LENGTH. */
    int write(SipMessage m, byte[] out, int off) {
        ByteBuffer buf = m.buffer();
        Hash64 h = hash;
        if (m.topVia(via) == SipError.NONE && hasCookie(buf, via)) {
            h.reset(1).add(buf, via.branchOffset(), via.branchLength());
        } else {
            h.reset(2);
            h.add(buf, via.valueOffset(), via.valueLength());
            if (m.from(from) == SipError.NONE) {
                h.add(buf, from.tagOffset(), from.tagLength());
            }
            int callId = m.firstHeader(HeaderType.CALL_ID);
            if (callId != SipMessage.ABSENT) {
                h.add(buf, m.headerValueOffset(callId), m.headerValueLength(callId));
            }
            if (m.cseq(cseq) == SipError.NONE) {
                h.add(buf, cseq.numberOffset(), cseq.numberLength());
            }
            h.add(buf, m.requestUriOffset(), m.requestUriLength());
        }
        System.arraycopy(PREFIX, 0, out, off, PREFIX.length);
        return Hash64.hex16(h.value(), out, off + PREFIX.length);
    }

    static boolean hasCookie(ByteBuffer buf, Via v) {
        if (!v.hasBranch() || v.branchLength() < MAGIC_COOKIE.length) {
            return false;
        }
        int off = v.branchOffset();
        for (int i = 0; i < MAGIC_COOKIE.length; i++) {
            if (buf.get(off + i) != MAGIC_COOKIE[i]) {
                return false;
            }
        }
        return true;
    }
}
