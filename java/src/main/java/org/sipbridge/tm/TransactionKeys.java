package org.sipbridge.tm;

import org.sipbridge.sip.CSeq;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipMethod;
import org.sipbridge.sip.Via;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Transaction matching keys.
 * <ul>
 * <li>Server side, RFC 3261 17.2.3: when the top Via branch has the magic cookie, the branch,
 *     the sent-by host and port, and the method, ACK counting as INVITE (a CANCEL is a
 *     transaction of its own; {@link #cancelledInvite} finds the INVITE it cancels, RFC
 *     3261 9.2).</li>
 * <li>Server side, RFC 2543 requests (no cookie), as 1.11 tm matches them: Call-ID, CSeq
 *     number and method (ACK as INVITE), the whole From, the To URI, the Request-URI (1.11's
 *     {@code ruri_matching}) and the whole top Via ({@code via1_matching}). 1.11 compares the
 *     whole To of a non-ACK and only the To URI of an ACK (the ACK of a negative reply carries
 *     the reply's tag, its INVITE none); one key serves both here, so it holds the URI only.</li>
 * <li>Client side, RFC 3261 17.1.3: the branch of the top Via (ours) and the CSeq method.</li>
 * </ul>
 * One per worker (reusable parse objects); a key it returns is valid until the next one
 * ({@link LookupKey}: no String is made unless a transaction is created).
 */
public final class TransactionKeys {
    static final String COOKIE = "z9hG4bK";

    private final Via via = new Via();
    private final CSeq cseq = new CSeq();
    private final NameAddr to = new NameAddr();
    private final StringBuilder sb = new StringBuilder(256);
    private final LookupKey key = new LookupKey(sb);
    private final boolean ruriMatching;
    private final boolean via1Matching;

    public TransactionKeys() {
        this(true, true);
    }

    /** ruriMatching, via1Matching: 1.11's tm parameters of those names (RFC 2543 matching only). */
    public TransactionKeys(boolean ruriMatching, boolean via1Matching) {
        this.ruriMatching = ruriMatching;
        this.via1Matching = via1Matching;
    }

    /** The key of the transaction request m belongs to (ACK: its INVITE's); null when m lacks what matching needs. */
    public LookupKey server(SipMessage m) {
        return serverKey(m, m.method() == SipMethod.ACK ? "INVITE" : null);
    }

    /** method, or (null) the request's own method name (a known method's is a constant: no String made). */
    private void appendMethod(SipMessage m, String method) {
        sb.append(method != null ? method : methodName(m));
    }

    /** The request's method name: the enum's constant for a known method, else read from the message. */
    public static String methodName(SipMessage m) {
        SipMethod method = m.method();
        return method == SipMethod.OTHER ? m.methodName() : method.name();
    }

    /** For a CANCEL: the key of the INVITE transaction it cancels. */
    public LookupKey cancelledInvite(SipMessage m) {
        return serverKey(m, "INVITE");
    }

    private LookupKey serverKey(SipMessage m, String method) {
        if (m.topVia(via) != SipError.NONE || m.cseq(cseq) != SipError.NONE) {
            return null;
        }
        ByteBuffer b = m.buffer();
        sb.setLength(0);
        if (hasCookie(b, via)) {
            sb.append("3|");
            append(b, via.branchOffset(), via.branchLength());
            sb.append('|');
            appendLower(b, via.hostOffset(), via.hostLength());
            sb.append(':').append(via.port()).append('|');
            appendMethod(m, method);
            return key.rehash();
        }
        int callId = m.firstHeader(HeaderType.CALL_ID);
        int fromHeader = m.firstHeader(HeaderType.FROM);
        if (callId == SipMessage.ABSENT || fromHeader == SipMessage.ABSENT || m.to(to) != SipError.NONE) {
            return null;
        }
        sb.append("2|");
        append(b, m.headerValueOffset(callId), m.headerValueLength(callId));
        sb.append('|');
        append(b, cseq.numberOffset(), cseq.numberLength());
        sb.append('|');
        append(b, m.headerValueOffset(fromHeader), m.headerValueLength(fromHeader));
        sb.append('|');
        append(b, to.uriOffset(), to.uriLength());
        sb.append('|');
        if (via1Matching) {
            append(b, via.valueOffset(), via.valueLength());
        }
        sb.append('|');
        if (ruriMatching) {
            append(b, m.requestUriOffset(), m.requestUriLength());
        }
        sb.append('|');
        appendMethod(m, method);
        return key.rehash();
    }

    /** A reply's client key: its top Via branch and CSeq method; null when missing. */
    public LookupKey client(SipMessage reply) {
        if (reply.topVia(via) != SipError.NONE || !via.hasBranch() || reply.cseq(cseq) != SipError.NONE) {
            return null;
        }
        ByteBuffer b = reply.buffer();
        sb.setLength(0);
        append(b, via.branchOffset(), via.branchLength());
        sb.append('|');
        append(b, cseq.methodOffset(), cseq.methodLength());
        return key.rehash();
    }

    /** The client key of a request we send with that branch. */
    public static String client(String branch, String method) {
        return branch + "|" + method;
    }

    static boolean hasCookie(ByteBuffer b, Via v) {
        if (!v.hasBranch() || v.branchLength() < COOKIE.length()) {
            return false;
        }
        for (int i = 0; i < COOKIE.length(); i++) {
            if (b.get(v.branchOffset() + i) != COOKIE.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void append(ByteBuffer b, int off, int len) {
        for (int i = 0; i < len; i++) {
            sb.append((char) (b.get(off + i) & 0xff));
        }
    }

    private void appendLower(ByteBuffer b, int off, int len) {
        for (int i = 0; i < len; i++) {
            sb.append(Character.toLowerCase((char) (b.get(off + i) & 0xff)));
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }
}
