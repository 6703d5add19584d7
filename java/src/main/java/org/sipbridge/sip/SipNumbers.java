package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * Decimal integers of SIP (CSeq, Max-Forwards, Content-Length, Expires, ports, status codes).
 * Every one of them is bounded by 2**32-1 (RFC 3261 8.1.1.5, 20.19; RFC 4475 3.1.2.4), so
 * values are parsed into a long without wrap-around and anything above is reported, not cut.
 */
public final class SipNumbers {
    /** The header or parameter is not present. */
    public static final long ABSENT = -1;
    /** Not 1*DIGIT (after trimming surrounding whitespace). */
    public static final long MALFORMED = -2;
    /** Digits, but above {@link #MAX_UINT32}. */
    public static final long TOO_LARGE = -3;
    public static final long MAX_UINT32 = 0xFFFF_FFFFL;

    private SipNumbers() {
    }

    /**
     * Parses 1*DIGIT in [off, off+len) with optional surrounding LWS; leading zeros are fine
     * ("0068" is 68).
     *
     * @return the value, {@link #MALFORMED} or {@link #TOO_LARGE}
     */
    public static long parseUInt32(ByteBuffer buf, int off, int len) {
        int end = SipBytes.trimLwsEnd(buf, off, off + len);
        int p = SipBytes.skipLws(buf, off, end);
        if (p == end) {
            return MALFORMED;
        }
        long value = 0;
        boolean tooLarge = false;
        for (; p < end; p++) {
            int b = buf.get(p);
            if (!CharClass.isDigit(b)) {
                return MALFORMED;
            }
            if (!tooLarge) {
                value = value * 10 + (b - '0');
                tooLarge = value > MAX_UINT32;
            }
        }
        return tooLarge ? TOO_LARGE : value;
    }

    /**
     * Parses the leading 1*DIGIT at {@code p} (no whitespace skipping) and reports where the
     * digits end through {@code endOut[0]}; used inside structured values ("5060;", "123 INVITE").
     *
     * @return the value, {@link #MALFORMED} when no digit is at p, or {@link #TOO_LARGE}
     */
    static long parseDigits(ByteBuffer buf, int p, int end, int[] endOut) {
        long value = 0;
        boolean tooLarge = false;
        int start = p;
        for (; p < end; p++) {
            int b = buf.get(p);
            if (!CharClass.isDigit(b)) {
                break;
            }
            if (!tooLarge) {
                value = value * 10 + (b - '0');
                tooLarge = value > MAX_UINT32;
            }
        }
        endOut[0] = p;
        if (p == start) {
            return MALFORMED;
        }
        return tooLarge ? TOO_LARGE : value;
    }
}
