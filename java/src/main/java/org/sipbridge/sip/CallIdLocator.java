package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * Finds the Call-ID of a raw message without parsing it, so a network thread can pick the
 * worker for a dialog (all its messages then stay in order on one worker). Looks only at line
 * starts in the header section for "Call-ID" or the compact "i" (any case, optional whitespace
 * before the colon) and hashes the trimmed value with FNV-1a, exactly as
 * {@link SipMessage#callIdHash()} does for a parsed message.
 */
public final class CallIdLocator {
    /** Returned when there is no Call-ID; a real hash of 0 is mapped to 1. */
    public static final int ABSENT = 0;

    private static final byte[] CALL_ID = SipBytes.lowerAscii("call-id");

    private CallIdLocator() {
    }

    /** Hash of the first Call-ID value in [off, off+len), or {@link #ABSENT}. */
    public static int hash(ByteBuffer buf, int off, int len) {
        int end = off + len;
        int p = off;
        while (p < end && (buf.get(p) == '\r' || buf.get(p) == '\n')) {
            p++; // keep-alive CRLFs before the start line
        }
        p = nextLine(buf, p, end); // skip the start line
        while (p < end) {
            byte b = buf.get(p);
            if (b == '\r' || b == '\n') {
                return ABSENT; // empty line: end of headers
            }
            int nameEnd = p;
            if ((b | 0x20) == 'i') {
                nameEnd = p + 1;
            } else if ((b | 0x20) == 'c' && p + 7 <= end && SipBytes.equalsIgnoreCase(buf, p, 7, CALL_ID)) {
                nameEnd = p + 7;
            }
            if (nameEnd > p) {
                int q = nameEnd;
                while (q < end && CharClass.isWsp(buf.get(q))) {
                    q++;
                }
                if (q < end && buf.get(q) == ':') {
                    int valueEnd = fieldEnd(buf, q + 1, end);
                    return hashValue(buf, q + 1, valueEnd - q - 1);
                }
            }
            p = nextLine(buf, p, end);
        }
        return ABSENT;
    }

    /** Hash of a header value after trimming surrounding whitespace, never {@link #ABSENT}. */
    static int hashValue(ByteBuffer buf, int off, int len) {
        int e = SipBytes.trimLwsEnd(buf, off, off + len);
        int s = SipBytes.skipLws(buf, off, e);
        int h = SipBytes.fnv1a(buf, s, e - s);
        return h == ABSENT ? 1 : h;
    }

    /** Start of the line after the one containing p (end if none). */
    private static int nextLine(ByteBuffer buf, int p, int end) {
        int lf = SipBytes.indexOf(buf, p, end, '\n');
        return lf < 0 ? end : lf + 1;
    }

    /** End (exclusive, before CR/LF) of the header field whose value starts at p. */
    private static int fieldEnd(ByteBuffer buf, int p, int end) {
        while (true) {
            int lf = SipBytes.indexOf(buf, p, end, '\n');
            if (lf < 0) {
                return end;
            }
            if (lf + 1 < end && CharClass.isWsp(buf.get(lf + 1))) {
                p = lf + 1; // folded continuation
                continue;
            }
            return lf;
        }
    }
}
