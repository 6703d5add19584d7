package org.sipbridge.sip;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Parses one SIP message (RFC 3261 section 7) from a byte range into a reusable
 * {@link SipMessage}: start line, header table, body extent. Header values are not interpreted
 * except Content-Length, which delimits the body; URIs, Via, From/To, CSeq etc. are parsed on
 * demand by the deep-parse objects, and message-level rules by {@link SipValidator}.
 *
 * <p>Malformed input never throws: the first error is recorded in the message with the offset
 * where it was found. Errors inside one line (bad start line, bad header name) do not stop the
 * parse, so the header table is still available to build a 400; errors that make the header
 * section unreadable (limits, unterminated lines, bare CR) stop it, leaving
 * {@link SipMessage#headersComplete()} false.
 *
 * <p>Thread-safe (no mutable state); the {@link SipMessage} is not.
 */
public final class SipParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final SipLimits limits;

    public SipParser() {
        this(SipLimits.DEFAULT);
    }

    public SipParser(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SipLimits limits() {
        return limits;
    }

    /**
     * Parses {@code len} bytes at {@code off} of {@code buf} (absolute indices; the buffer's
     * position and limit are ignored and left untouched).
     *
     * @return {@link SipError#NONE} or the first error, also available as {@code msg.error()}
     * @throws IndexOutOfBoundsException if the range is outside the buffer (a caller bug, not
     *         bad input)
     */
    public SipError parse(ByteBuffer buf, int off, int len, Framing framing, SipMessage msg) {
        Objects.checkFromIndexSize(off, len, buf.limit());
        msg.reset(buf, off, len, framing);
        if (len > limits.maxMessageSize()) {
            msg.fail(SipError.MESSAGE_TOO_LARGE, off + limits.maxMessageSize());
            return msg.error();
        }
        int end = off + len;
        int p = off;
        // RFC 3261 7.5: CRLFs before the start line are ignored (keep-alives on streams).
        while (p < end && (buf.get(p) == CR || buf.get(p) == LF)) {
            p++;
        }
        if (p == end) {
            msg.fail(SipError.EMPTY_MESSAGE, off);
            return msg.error();
        }
        msg.setStart(p);
        p = parseStartLine(buf, p, end, msg);
        if (p < 0) {
            return msg.error();
        }
        p = parseHeaders(buf, p, end, framing, msg);
        if (p < 0) {
            return msg.error();
        }
        delimitBody(buf, p, end, framing, msg);
        return msg.error();
    }

    /**
     * Index of the CR or LF ending the line that starts at p, or a negative value after
     * recording why there is none: -1 for an error.
     */
    private int lineEnd(ByteBuffer buf, int p, int end, int lineStart, SipMessage msg) {
        int max = limits.maxLineLength();
        int q = SipBytes.indexOfCrOrLf(buf, p, end);
        if (q < 0) {
            msg.fail(end - lineStart > max + 1 ? SipError.LINE_TOO_LONG : SipError.INCOMPLETE_HEADERS,
                    Math.min(end, lineStart + max + 2));
            return -1;
        }
        if (buf.get(q) == LF || (q + 1 < end && buf.get(q + 1) == LF)) {
            return q; // a terminated line over the limit is the caller's to report: the parse goes on
        }
        msg.fail(q + 1 == end ? SipError.INCOMPLETE_HEADERS : SipError.BARE_CR, q);
        return -1;
    }

    private boolean tooLong(int terminator, int lineStart) {
        return terminator - lineStart > limits.maxLineLength();
    }

    /** Index just past the terminator (CRLF or LF) at t. */
    private static int afterTerminator(ByteBuffer buf, int t) {
        return buf.get(t) == CR ? t + 2 : t + 1;
    }

    // ---- start line ------------------------------------------------------------------------

    private int parseStartLine(ByteBuffer buf, int p, int end, SipMessage msg) {
        int t = lineEnd(buf, p, end, p, msg);
        if (t < 0) {
            return -1;
        }
        if (tooLong(t, p)) {
            // Over the limit but terminated: record it first (the error the reply carries) and
            // read on, so a request can still be answered instead of retransmitted for 32 s.
            msg.fail(longUri(buf, p, t) ? SipError.REQUEST_URI_TOO_LONG : SipError.LINE_TOO_LONG, p);
        }
        if (t - p >= 4 && isSipSlash(buf, p)) {
            parseStatusLine(buf, p, t, msg);
        } else {
            parseRequestLine(buf, p, t, msg);
        }
        msg.setStartLineEnd(afterTerminator(buf, t));
        return afterTerminator(buf, t);
    }

    /** A request line whose length is mostly its Request-URI (between the first and last space). */
    private boolean longUri(ByteBuffer buf, int p, int t) {
        if (t - p >= 4 && isSipSlash(buf, p)) {
            return false;
        }
        int first = p;
        while (first < t && buf.get(first) != ' ') {
            first++;
        }
        int last = t - 1;
        while (last > first && buf.get(last) != ' ') {
            last--;
        }
        return last - first > limits.maxLineLength() / 2;
    }

    private static boolean isSipSlash(ByteBuffer buf, int p) {
        return (buf.get(p) | 0x20) == 's' && (buf.get(p + 1) | 0x20) == 'i' && (buf.get(p + 2) | 0x20) == 'p'
                && buf.get(p + 3) == '/';
    }

    /** Request-Line = Method SP Request-URI SP SIP-Version; trailing SP/HTAB tolerated. */
    private static void parseRequestLine(ByteBuffer buf, int p, int lineEnd, SipMessage msg) {
        int e = lineEnd;
        while (e > p && CharClass.isWsp(buf.get(e - 1))) {
            e--; // RFC 4475 3.1.2.10 (trws): tolerating trailing whitespace is allowed
        }
        int methodEnd = p;
        while (methodEnd < e && buf.get(methodEnd) != ' ') {
            methodEnd++;
        }
        int lastSp = e - 1;
        while (lastSp > methodEnd && buf.get(lastSp) != ' ') {
            lastSp--;
        }
        if (methodEnd == e || lastSp <= methodEnd) {
            msg.fail(SipError.BAD_START_LINE, p);
            return;
        }
        int uriOff = methodEnd + 1;
        int uriLen = lastSp - uriOff;
        int versionOff = lastSp + 1;
        int versionLen = e - versionOff;
        msg.setRequestLine(SipMethod.of(buf, p, methodEnd - p), p, methodEnd - p, uriOff, uriLen, versionOff, versionLen);

        for (int q = p; q < methodEnd; q++) {
            if (!CharClass.isToken(buf.get(q))) {
                msg.fail(SipError.BAD_METHOD, q);
                return;
            }
        }
        SipError uriError = checkRequestUri(buf, uriOff, uriLen);
        if (uriError != SipError.NONE) {
            msg.fail(uriError, uriOff);
            return;
        }
        SipError versionError = checkVersion(buf, versionOff, versionLen);
        if (versionError != SipError.NONE) {
            msg.fail(versionError, versionOff);
        }
    }

    /** Shallow check: single spaces around it, no whitespace inside, starts with "scheme:". */
    private static SipError checkRequestUri(ByteBuffer buf, int off, int len) {
        if (len == 0 || buf.get(off) == ' ' || buf.get(off + len - 1) == ' ') {
            return SipError.EXTRA_WHITESPACE_IN_REQUEST_LINE;
        }
        for (int q = off; q < off + len; q++) {
            if (CharClass.isWsp(buf.get(q))) {
                return SipError.WHITESPACE_IN_REQUEST_URI;
            }
        }
        if (!CharClass.isAlpha(buf.get(off))) {
            return SipError.BAD_REQUEST_URI;
        }
        int q = off + 1;
        while (q < off + len && CharClass.is(buf.get(q), CharClass.SCHEME)) {
            q++;
        }
        if (q == off + len || buf.get(q) != ':') {
            return SipError.BAD_REQUEST_URI;
        }
        return SipError.NONE;
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive); only 2.0 is supported. */
    private static SipError checkVersion(ByteBuffer buf, int off, int len) {
        if (len < 7 || !isSipSlash(buf, off)) {
            return SipError.BAD_VERSION;
        }
        int end = off + len;
        int q = off + 4;
        int major = q;
        while (q < end && CharClass.isDigit(buf.get(q))) {
            q++;
        }
        if (q == major || q == end || buf.get(q) != '.') {
            return SipError.BAD_VERSION;
        }
        int minor = ++q;
        while (q < end && CharClass.isDigit(buf.get(q))) {
            q++;
        }
        if (q == minor || q != end) {
            return SipError.BAD_VERSION;
        }
        boolean is20 = len == 7 && buf.get(off + 4) == '2' && buf.get(off + 6) == '0';
        return is20 ? SipError.NONE : SipError.VERSION_NOT_SUPPORTED;
    }

    /** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; the reason may be empty. */
    private static void parseStatusLine(ByteBuffer buf, int p, int lineEnd, SipMessage msg) {
        int versionEnd = p;
        while (versionEnd < lineEnd && buf.get(versionEnd) != ' ') {
            versionEnd++;
        }
        int codeOff = versionEnd + 1;
        int codeEnd = codeOff;
        while (codeEnd < lineEnd && CharClass.isDigit(buf.get(codeEnd))) {
            codeEnd++;
        }
        int status = 0;
        boolean codeOk = codeEnd - codeOff == 3 && (codeEnd == lineEnd || buf.get(codeEnd) == ' ');
        if (codeOk) {
            status = (buf.get(codeOff) - '0') * 100 + (buf.get(codeOff + 1) - '0') * 10 + (buf.get(codeOff + 2) - '0');
            codeOk = status >= 100 && status <= 699;
        }
        int reasonOff = Math.min(codeEnd + 1, lineEnd);
        int reasonEnd = lineEnd;
        while (reasonEnd > reasonOff && CharClass.isWsp(buf.get(reasonEnd - 1))) {
            reasonEnd--;
        }
        msg.setStatusLine(p, versionEnd - p, codeOk ? status : 0, reasonOff, reasonEnd - reasonOff);
        SipError versionError = checkVersion(buf, p, versionEnd - p);
        if (versionError != SipError.NONE) {
            msg.fail(versionError, p);
        } else if (!codeOk) {
            msg.fail(SipError.BAD_STATUS_CODE, Math.min(codeOff, lineEnd));
        }
    }

    // ---- header section --------------------------------------------------------------------

    /** Fills the header table; returns the body start, or -1 when the section is unreadable. */
    private int parseHeaders(ByteBuffer buf, int p, int end, Framing framing, SipMessage msg) {
        int maxHeaders = Math.min(limits.maxHeaders(), msg.capacity());
        while (true) {
            if (p == end) {
                // A datagram ending right after a header's CRLF has every header but not the empty
                // line RFC 3261 7 requires: malformed (never forwarded: the next hop would get a
                // message without its end of headers), but its header table is whole, so a 400
                // can still be built. A stream frame without it is unreadable.
                if (framing == Framing.DATAGRAM) {
                    msg.setHeadersEnd(end);
                    msg.fail(SipError.INCOMPLETE_HEADERS, end);
                    return end;
                }
                msg.fail(SipError.INCOMPLETE_HEADERS, end);
                return -1;
            }
            byte first = buf.get(p);
            if (first == CR || first == LF) {
                int t = lineEnd(buf, p, end, p, msg);
                if (t < 0) {
                    return -1;
                }
                msg.setHeadersEnd(p);
                return afterTerminator(buf, t);
            }
            boolean store = msg.headerCount() < maxHeaders;
            if (!store) {
                // Over the limit: recorded, the rest of the section is read without being kept,
                // so the header table (Via, From, To...) still serves a 400.
                msg.fail(SipError.TOO_MANY_HEADERS, p);
            }
            p = parseHeaderField(buf, p, end, msg, store);
            if (p < 0) {
                return -1;
            }
        }
    }

    /** Parses one header field (with its continuation lines) at p; returns the next line start. */
    private int parseHeaderField(ByteBuffer buf, int p, int end, SipMessage msg, boolean store) {
        int nameEnd = p;
        while (nameEnd < end && CharClass.isToken(buf.get(nameEnd))) {
            nameEnd++;
        }
        int colon = nameEnd;
        while (colon < end && CharClass.isWsp(buf.get(colon))) {
            colon++; // HCOLON = *( SP / HTAB ) ":" SWS
        }
        SipError lineError = SipError.NONE;
        if (nameEnd == p) {
            lineError = CharClass.isWsp(buf.get(p)) ? SipError.CONTINUATION_WITHOUT_HEADER : SipError.BAD_HEADER_NAME;
        } else if (colon == end || buf.get(colon) == CR || buf.get(colon) == LF) {
            lineError = SipError.MISSING_COLON;
        } else if (buf.get(colon) != ':') {
            lineError = SipError.BAD_HEADER_NAME;
        }
        int valueStart = lineError == SipError.NONE ? colon + 1 : p;

        // The field runs until a line end not followed by SP/HTAB (RFC 3261 7.3.1 folding).
        int scan = valueStart;
        int t;
        int next;
        while (true) {
            t = lineEnd(buf, scan, end, p, msg);
            if (t < 0) {
                return -1;
            }
            next = afterTerminator(buf, t);
            if (next < end && CharClass.isWsp(buf.get(next))) {
                scan = next;
                continue;
            }
            break;
        }
        if (tooLong(t, p)) {
            msg.fail(SipError.LINE_TOO_LONG, p); // not kept: a reply must not copy it
            return next;
        }
        if (lineError != SipError.NONE) {
            msg.fail(lineError, p);
            return next;
        }
        if (!store) {
            return next;
        }
        int valueEnd = SipBytes.trimLwsEnd(buf, valueStart, t);
        int valueOff = SipBytes.skipLws(buf, valueStart, valueEnd);
        HeaderType type = HeaderNames.lookup(buf, p, nameEnd - p);
        msg.addHeader(type, p, nameEnd - p, valueOff, valueEnd - valueOff, p, next - p);
        return next;
    }

    // ---- body ------------------------------------------------------------------------------

    private static void delimitBody(ByteBuffer buf, int bodyStart, int end, Framing framing, SipMessage msg) {
        int available = end - bodyStart;
        int cl = msg.firstHeader(HeaderType.CONTENT_LENGTH);
        if (cl == SipMessage.ABSENT) {
            if (framing == Framing.STREAM) {
                msg.fail(SipError.MISSING_CONTENT_LENGTH, msg.headersEndOffset());
                msg.setBody(bodyStart, 0, SipNumbers.ABSENT);
            } else {
                msg.setBody(bodyStart, available, SipNumbers.ABSENT); // RFC 3261 18.3: to datagram end
            }
            return;
        }
        long declared = SipNumbers.parseUInt32(buf, msg.headerValueOffset(cl), msg.headerValueLength(cl));
        if (declared < 0) {
            msg.fail(SipError.BAD_CONTENT_LENGTH, msg.headerValueOffset(cl));
            msg.setBody(bodyStart, framing == Framing.DATAGRAM ? available : 0, declared);
            return;
        }
        if (declared > available && framing == Framing.STREAM) {
            msg.fail(SipError.CONTENT_LENGTH_EXCEEDS_MESSAGE, msg.headerValueOffset(cl));
        }
        // Datagram octets past Content-Length are ignored; a shortfall is SipValidator's call.
        msg.setBody(bodyStart, (int) Math.min(declared, available), declared);
    }
}
