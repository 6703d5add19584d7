package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * Cuts a TCP/TLS byte stream into SIP messages (RFC 3261 18.3): a message is its header
 * section up to the empty line plus exactly Content-Length body bytes, and Content-Length is
 * mandatory. CRLFs between messages are keep-alives (RFC 5626 3.5.1): a double CRLF "ping"
 * should be answered with a single CRLF "pong".
 *
 * <p>Call {@link #frame} with the bytes received so far, starting at the first unconsumed byte.
 * On {@link Status#MESSAGE} or {@link Status#KEEPALIVE} consume {@link #length()} bytes and call
 * again; on {@link Status#NEED_MORE} call again with the same start once more bytes arrived
 * (the search resumes where it stopped, so slow senders cost linear time); on
 * {@link Status#BROKEN} close the connection ({@link #error()} says why). One instance per
 * connection.
 */
public final class StreamFramer {
    public enum Status { NEED_MORE, MESSAGE, KEEPALIVE, BROKEN }

    private static final byte[] CONTENT_LENGTH = SipBytes.lowerAscii("content-length");
    private static final long MISSING = -10;
    private static final long CONFLICT = -11;

    private final SipLimits limits;
    private int scanFrom;
    private int headerLength = -1;
    private long frameLength = -1;
    private int length;
    private boolean pong;
    private SipError error = SipError.NONE;

    public StreamFramer(SipLimits limits) {
        this.limits = limits;
    }

    public StreamFramer() {
        this(SipLimits.DEFAULT);
    }

    /** Forgets the progress on a partially received message (e.g. after closing). */
    public void reset() {
        scanFrom = 0;
        headerLength = -1;
        frameLength = -1;
    }

    /** Bytes to consume after MESSAGE (the whole message) or KEEPALIVE. */
    public int length() {
        return length;
    }

    /** After KEEPALIVE: true when it was a double-CRLF ping that wants a CRLF pong. */
    public boolean pongRequested() {
        return pong;
    }

    /** After BROKEN: why. */
    public SipError error() {
        return error;
    }

    /** Examines [off, off+len) of {@code buf}; see the class comment for the protocol. */
    public Status frame(ByteBuffer buf, int off, int len) {
        length = 0;
        pong = false;
        error = SipError.NONE;
        if (len <= 0) {
            return Status.NEED_MORE;
        }
        if (headerLength < 0 && scanFrom == 0 && isLineEnd(buf.get(off))) {
            return keepAlive(buf, off, len);
        }
        if (headerLength < 0) {
            Status s = findHeaderEnd(buf, off, len);
            if (s != null) {
                return s;
            }
        }
        if (len < frameLength) {
            return Status.NEED_MORE;
        }
        length = (int) frameLength;
        reset();
        return Status.MESSAGE;
    }

    private static boolean isLineEnd(byte b) {
        return b == '\r' || b == '\n';
    }

    private Status keepAlive(ByteBuffer buf, int off, int len) {
        int run = 0;
        while (run < len && isLineEnd(buf.get(off + run))) {
            run++;
        }
        boolean ping = true;
        for (int i = 0; i < Math.min(run, 4); i++) {
            ping &= buf.get(off + i) == ((i & 1) == 0 ? '\r' : '\n');
        }
        if (ping && run >= 4) {
            length = 4;
            pong = true;
            return Status.KEEPALIVE;
        }
        if (ping && run == len) {
            return Status.NEED_MORE; // may still become "\r\n\r\n"
        }
        length = run;
        return Status.KEEPALIVE;
    }

    /** Looks for the empty line; returns null once the frame length is known. */
    private Status findHeaderEnd(ByteBuffer buf, int off, int len) {
        int i = scanFrom;
        int found = -1;
        for (; i < len; i++) {
            int lf = SipBytes.indexOf(buf, off + i, off + len, '\n');
            if (lf < 0) {
                i = len;
                break;
            }
            i = lf - off;
            if (i + 1 >= len || (buf.get(off + i + 1) == '\r' && i + 2 >= len)) {
                break; // cannot tell yet: resume at this LF
            }
            byte next = buf.get(off + i + 1);
            if (next == '\n') {
                found = i + 2;
                break;
            }
            if (next == '\r' && buf.get(off + i + 2) == '\n') {
                found = i + 3;
                break;
            }
        }
        if (found < 0) {
            scanFrom = i;
            if (len > limits.maxMessageSize()) {
                return broken(SipError.MESSAGE_TOO_LARGE);
            }
            return Status.NEED_MORE;
        }
        long cl = contentLength(buf, off, found);
        if (cl == MISSING) {
            return broken(SipError.MISSING_CONTENT_LENGTH);
        }
        if (cl == CONFLICT) {
            return broken(SipError.MULTIPLE_CONTENT_LENGTH);
        }
        if (cl < 0) {
            return broken(SipError.BAD_CONTENT_LENGTH);
        }
        if (found + cl > limits.maxMessageSize()) {
            return broken(SipError.MESSAGE_TOO_LARGE);
        }
        headerLength = found;
        frameLength = found + cl;
        return null;
    }

    private Status broken(SipError e) {
        error = e;
        reset();
        return Status.BROKEN;
    }

    /**
     * The Content-Length of the header section [off, off+headerLen): its value, MISSING,
     * CONFLICT (two headers that disagree) or a {@link SipNumbers} error code.
     */
    private static long contentLength(ByteBuffer buf, int off, int headerLen) {
        int end = off + headerLen;
        long result = MISSING;
        int p = SipBytes.indexOf(buf, off, end, '\n') + 1; // skip the start line
        while (p > 0 && p < end) {
            int lf = SipBytes.indexOf(buf, p, end, '\n');
            int lineEnd = lf < 0 ? end : lf;
            int nameEnd = -1;
            byte b = buf.get(p);
            if ((b | 0x20) == 'l') {
                nameEnd = p + 1;
            } else if ((b | 0x20) == 'c' && p + 14 <= lineEnd && SipBytes.equalsIgnoreCase(buf, p, 14, CONTENT_LENGTH)) {
                nameEnd = p + 14;
            }
            int q = nameEnd;
            while (q >= 0 && q < lineEnd && CharClass.isWsp(buf.get(q))) {
                q++;
            }
            if (q >= 0 && q < lineEnd && buf.get(q) == ':') {
                int valueEnd = lineEnd;
                while (valueEnd + 1 < end && CharClass.isWsp(buf.get(valueEnd + 1))) {
                    int more = SipBytes.indexOf(buf, valueEnd + 1, end, '\n'); // folded value
                    valueEnd = more < 0 ? end : more;
                }
                long value = SipNumbers.parseUInt32(buf, q + 1, valueEnd - q - 1);
                if (value < 0) {
                    return value;
                }
                if (result >= 0 && result != value) {
                    return CONFLICT;
                }
                result = value;
                lineEnd = valueEnd;
            }
            p = lineEnd + 1;
        }
        return result;
    }
}
