package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * CSeq = 1*DIGIT LWS Method (RFC 3261 20.16). Parsing checks the grammar only; whether the
 * number fits 32 bits and matches the request method is {@link SipValidator}'s job, so a CSeq
 * with an overlarge number still parses (and can be echoed in a 400).
 */
public final class CSeq {
    private ByteBuffer buf;
    private long number;
    private int numberOffset;
    private int numberLength;
    private SipMethod method = SipMethod.OTHER;
    private int methodOffset;
    private int methodLength;
    private final int[] digitsEnd = new int[1];

    void clear() {
        buf = null;
        number = SipNumbers.ABSENT;
        numberOffset = SipMessage.ABSENT;
        numberLength = 0;
        method = SipMethod.OTHER;
        methodOffset = SipMessage.ABSENT;
        methodLength = 0;
    }

    /** Parses the CSeq value at [off, off+len). */
    public SipError parse(ByteBuffer buf, int off, int len) {
        clear();
        this.buf = buf;
        int end = off + len;
        int p = SipBytes.skipLws(buf, off, end);
        numberOffset = p;
        number = SipNumbers.parseDigits(buf, p, end, digitsEnd);
        p = digitsEnd[0];
        numberLength = p - numberOffset;
        if (number == SipNumbers.MALFORMED || p == end || !CharClass.isLws(buf.get(p))) {
            return SipError.CSEQ_BAD_NUMBER;
        }
        p = SipBytes.skipLws(buf, p, end);
        int m = p;
        while (p < end && CharClass.isToken(buf.get(p))) {
            p++;
        }
        if (p == m) {
            return SipError.CSEQ_BAD_METHOD;
        }
        methodOffset = m;
        methodLength = p - m;
        method = SipMethod.of(buf, m, methodLength);
        return SipBytes.skipLws(buf, p, end) == end ? SipError.NONE : SipError.TRAILING_GARBAGE;
    }

    /** Sequence number, or {@link SipNumbers#TOO_LARGE} when above 2**32-1. */
    public long number() {
        return number;
    }

    public int numberOffset() {
        return numberOffset;
    }

    public int numberLength() {
        return numberLength;
    }

    public SipMethod method() {
        return method;
    }

    public int methodOffset() {
        return methodOffset;
    }

    public int methodLength() {
        return methodLength;
    }

    /** True when the method token equals the request's (exact bytes, so OTHER methods too). */
    public boolean methodMatches(SipMessage request) {
        if (method != request.method()) {
            return false;
        }
        return method != SipMethod.OTHER || SipBytes.rangeEquals(buf, methodOffset, methodLength,
                request.buffer(), request.methodOffset(), request.methodLength());
    }

    public String methodName() {
        return SipBytes.string(buf, methodOffset, methodLength);
    }
}
