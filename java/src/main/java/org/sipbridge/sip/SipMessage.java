package org.sipbridge.sip;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One parsed SIP message: offsets into the caller's buffer, no copies. A {@link SipParser}
 * resets and refills it on every parse, so one instance per worker thread serves every message.
 *
 * <p>All offsets are absolute indices into {@link #buffer()} (use {@code off - offset()} for a
 * position relative to the message start, e.g. to build a C {@code struct sip_msg} over the same
 * bytes). Lengths are in bytes. Absent parts have offset {@link #ABSENT} and length 0.
 *
 * <p>The header table is a structure of arrays indexed 0..{@link #headerCount()}-1 in message
 * order: type, name, value (trimmed, folded continuation lines included) and the whole field
 * (from the name to the CRLF that ends it, inclusive). Headers of one type are chained:
 * {@link #firstHeader(HeaderType)} then {@link #nextHeader(int)}.
 *
 * <p>After a failed parse the fields hold what was read before the failure; see
 * {@link #headersComplete()}.
 */
public final class SipMessage {
    public static final int ABSENT = -1;

    private ByteBuffer buffer;
    private Framing framing = Framing.DATAGRAM;
    private int inputOffset;
    private int inputLength;
    private int start;
    private int length;
    private int startLineLength;

    private boolean request;
    private boolean response;
    private SipMethod method = SipMethod.OTHER;
    private int methodOffset;
    private int methodLength;
    private int uriOffset;
    private int uriLength;
    private int versionOffset;
    private int versionLength;
    private int statusCode;
    private int reasonOffset;
    private int reasonLength;

    private int headerCount;
    private final byte[] types;
    private final int[] nameOffsets;
    private final int[] nameLengths;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    private final int[] lineOffsets;
    private final int[] lineLengths;
    private final int[] nextSameType;
    private final int[] firstByType = new int[HeaderType.count()];
    private final int[] lastByType = new int[HeaderType.count()];
    private final int[] countByType = new int[HeaderType.count()];

    private boolean headersComplete;
    private int headersEnd;
    private int bodyOffset;
    private int bodyLength;
    private long contentLength;

    private SipError error = SipError.NONE;
    private int errorOffset;

    /** A message whose header table holds up to {@code limits.maxHeaders()} fields. */
    public SipMessage(SipLimits limits) {
        int n = limits.maxHeaders();
        types = new byte[n];
        nameOffsets = new int[n];
        nameLengths = new int[n];
        valueOffsets = new int[n];
        valueLengths = new int[n];
        lineOffsets = new int[n];
        lineLengths = new int[n];
        nextSameType = new int[n];
        Arrays.fill(firstByType, ABSENT);
        reset(null, 0, 0, Framing.DATAGRAM);
    }

    public SipMessage() {
        this(SipLimits.DEFAULT);
    }

    // ---- filled by SipParser --------------------------------------------------------------

    void reset(ByteBuffer buf, int off, int len, Framing framing) {
        this.buffer = buf;
        this.framing = framing;
        this.inputOffset = off;
        this.inputLength = len;
        start = off;
        length = 0;
        startLineLength = 0;
        request = false;
        response = false;
        method = SipMethod.OTHER;
        methodOffset = ABSENT;
        methodLength = 0;
        uriOffset = ABSENT;
        uriLength = 0;
        versionOffset = ABSENT;
        versionLength = 0;
        statusCode = 0;
        reasonOffset = ABSENT;
        reasonLength = 0;
        for (int i = 0; i < headerCount; i++) {
            int t = types[i]; // only types the previous message used need clearing
            firstByType[t] = ABSENT;
            countByType[t] = 0;
        }
        headerCount = 0;
        headersComplete = false;
        headersEnd = ABSENT;
        bodyOffset = ABSENT;
        bodyLength = 0;
        contentLength = SipNumbers.ABSENT;
        error = SipError.NONE;
        errorOffset = ABSENT;
    }

    int capacity() {
        return types.length;
    }

    void setStart(int start) {
        this.start = start;
    }

    void setStartLineEnd(int afterTerminator) {
        this.startLineLength = afterTerminator - start;
    }

    void setRequestLine(SipMethod method, int methodOff, int methodLen, int uriOff, int uriLen,
            int versionOff, int versionLen) {
        this.request = true;
        this.method = method;
        this.methodOffset = methodOff;
        this.methodLength = methodLen;
        this.uriOffset = uriOff;
        this.uriLength = uriLen;
        this.versionOffset = versionOff;
        this.versionLength = versionLen;
    }

    void setStatusLine(int versionOff, int versionLen, int status, int reasonOff, int reasonLen) {
        this.response = true;
        this.versionOffset = versionOff;
        this.versionLength = versionLen;
        this.statusCode = status;
        this.reasonOffset = reasonOff;
        this.reasonLength = reasonLen;
    }

    /** Appends a header; the caller has checked {@link #capacity()}. */
    void addHeader(HeaderType type, int nameOff, int nameLen, int valueOff, int valueLen, int lineOff, int lineLen) {
        int i = headerCount++;
        int t = type.ordinal();
        types[i] = (byte) t;
        nameOffsets[i] = nameOff;
        nameLengths[i] = nameLen;
        valueOffsets[i] = valueOff;
        valueLengths[i] = valueLen;
        lineOffsets[i] = lineOff;
        lineLengths[i] = lineLen;
        nextSameType[i] = ABSENT;
        if (countByType[t]++ == 0) {
            firstByType[t] = i;
        } else {
            nextSameType[lastByType[t]] = i;
        }
        lastByType[t] = i;
    }

    void setHeadersEnd(int emptyLineOffset) {
        this.headersComplete = true;
        this.headersEnd = emptyLineOffset;
    }

    void setBody(int off, int len, long declaredContentLength) {
        this.bodyOffset = off;
        this.bodyLength = len;
        this.contentLength = declaredContentLength;
        this.length = off + len - start;
    }

    /** Records the first error only: later ones are usually consequences of it. */
    void fail(SipError e, int offset) {
        if (error == SipError.NONE) {
            error = e;
            errorOffset = offset;
        }
    }

    // ---- whole message ---------------------------------------------------------------------

    /** The buffer the message was parsed from (not copied: edits to it are visible here). */
    public ByteBuffer buffer() {
        return buffer;
    }

    public Framing framing() {
        return framing;
    }

    /** First byte of the start line (leading CRLFs before it are skipped, RFC 3261 7.5). */
    public int offset() {
        return start;
    }

    /** Start line + headers + empty line + body; may be less than the input for datagrams. */
    public int length() {
        return length;
    }

    /** Where the parsed input began and how long it was. */
    public int inputOffset() {
        return inputOffset;
    }

    public int inputLength() {
        return inputLength;
    }

    /** {@link SipError#NONE} when the message parsed; otherwise the first problem found. */
    public SipError error() {
        return error;
    }

    /** Buffer index where {@link #error()} was detected, or {@link #ABSENT}. */
    public int errorOffset() {
        return errorOffset;
    }

    /**
     * True when every header field up to the empty line was read (even if some were malformed),
     * so the header table can be trusted enough to build an error response.
     */
    public boolean headersComplete() {
        return headersComplete;
    }

    // ---- start line ------------------------------------------------------------------------

    /** Start line length including its CRLF (OpenSIPS first_line.len); 0 if unterminated. */
    public int startLineLength() {
        return startLineLength;
    }

    public boolean isRequest() {
        return request;
    }

    /** True when the start line begins with "SIP/" (even if its status code was malformed). */
    public boolean isResponse() {
        return response;
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

    public int requestUriOffset() {
        return uriOffset;
    }

    public int requestUriLength() {
        return uriLength;
    }

    public int versionOffset() {
        return versionOffset;
    }

    public int versionLength() {
        return versionLength;
    }

    /** Status code of a response (100..699), 0 for requests. */
    public int statusCode() {
        return statusCode;
    }

    public int reasonOffset() {
        return reasonOffset;
    }

    public int reasonLength() {
        return reasonLength;
    }

    // ---- header table ----------------------------------------------------------------------

    public int headerCount() {
        return headerCount;
    }

    public HeaderType headerType(int i) {
        return HeaderType.ofOrdinal(types[i]);
    }

    /** Header type as OpenSIPS hdr_types_t, for the C view. */
    public int headerOpenSipsType(int i) {
        return HeaderType.ofOrdinal(types[i]).openSipsType();
    }

    public int headerNameOffset(int i) {
        return nameOffsets[i];
    }

    public int headerNameLength(int i) {
        return nameLengths[i];
    }

    /** Value start: after the colon and any whitespace (including folding). */
    public int headerValueOffset(int i) {
        return valueOffsets[i];
    }

    /** Value length, trailing whitespace excluded; continuation lines stay inside the value. */
    public int headerValueLength(int i) {
        return valueLengths[i];
    }

    /** Start of the whole header field (= name offset). */
    public int headerLineOffset(int i) {
        return lineOffsets[i];
    }

    /** Whole header field length including its terminating CRLF (or LF). */
    public int headerLineLength(int i) {
        return lineLengths[i];
    }

    /** Index of the first header of this type, or {@link #ABSENT}. */
    public int firstHeader(HeaderType type) {
        return firstByType[type.ordinal()];
    }

    /** Index of the next header of the same type after header i, or {@link #ABSENT}. */
    public int nextHeader(int i) {
        return nextSameType[i];
    }

    /** Number of header fields of this type (fields, not comma-separated values). */
    public int headerCount(HeaderType type) {
        return countByType[type.ordinal()];
    }

    /** Offset of the empty line that ends the header section, or {@link #ABSENT}. */
    public int headersEndOffset() {
        return headersEnd;
    }

    // ---- body ------------------------------------------------------------------------------

    public int bodyOffset() {
        return bodyOffset;
    }

    /** Body bytes actually present (for datagrams: at most what the datagram holds). */
    public int bodyLength() {
        return bodyLength;
    }

    /**
     * Content-Length as declared by the first Content-Length header, {@link SipNumbers#ABSENT}
     * without one, or {@link SipNumbers#MALFORMED}/{@link SipNumbers#TOO_LARGE}.
     */
    public long contentLength() {
        return contentLength;
    }

    // ---- common fields (allocation-free) ---------------------------------------------------

    /** FNV-1a hash of the first Call-ID value, same as {@link CallIdLocator}; 0 if absent. */
    public int callIdHash() {
        int i = firstHeader(HeaderType.CALL_ID);
        return i == ABSENT ? CallIdLocator.ABSENT : CallIdLocator.hashValue(buffer, valueOffsets[i], valueLengths[i]);
    }

    /** Parses the first Via value (the topmost hop). */
    public SipError topVia(Via out) {
        int i = firstHeader(HeaderType.VIA);
        if (i == ABSENT) {
            out.clear();
            return SipError.MISSING_VIA;
        }
        return out.parse(buffer, valueOffsets[i], valueLengths[i]);
    }

    /**
     * Parses the second Via value, which may share the first Via's header field or be in the
     * next Via header. {@link SipError#MISSING_VIA} when there is only one.
     */
    public SipError secondVia(Via out) {
        int i = firstHeader(HeaderType.VIA);
        if (i == ABSENT) {
            out.clear();
            return SipError.MISSING_VIA;
        }
        SipError e = out.parse(buffer, valueOffsets[i], valueLengths[i]);
        if (e != SipError.NONE) {
            return e;
        }
        if (out.hasNext()) {
            return out.next();
        }
        int j = nextSameType[i];
        if (j == ABSENT) {
            out.clear();
            return SipError.MISSING_VIA;
        }
        return out.parse(buffer, valueOffsets[j], valueLengths[j]);
    }

    public SipError from(NameAddr out) {
        return nameAddr(HeaderType.FROM, SipError.MISSING_FROM, out);
    }

    public SipError to(NameAddr out) {
        return nameAddr(HeaderType.TO, SipError.MISSING_TO, out);
    }

    private SipError nameAddr(HeaderType type, SipError missing, NameAddr out) {
        int i = firstHeader(type);
        if (i == ABSENT) {
            out.clear();
            return missing;
        }
        return out.parse(buffer, valueOffsets[i], valueLengths[i]);
    }

    public SipError cseq(CSeq out) {
        int i = firstHeader(HeaderType.CSEQ);
        if (i == ABSENT) {
            out.clear();
            return SipError.MISSING_CSEQ;
        }
        return out.parse(buffer, valueOffsets[i], valueLengths[i]);
    }

    /** Parses the Request-URI; {@link SipError#BAD_START_LINE} for a response. */
    public SipError requestUri(SipUri out) {
        if (!request || uriOffset == ABSENT) {
            out.clear();
            return SipError.BAD_START_LINE;
        }
        return out.parse(buffer, uriOffset, uriLength);
    }

    /** Max-Forwards value, or a {@link SipNumbers} code (ABSENT, MALFORMED, TOO_LARGE). */
    public long maxForwards() {
        return number(HeaderType.MAX_FORWARDS);
    }

    /** Expires header value, or a {@link SipNumbers} code. */
    public long expires() {
        return number(HeaderType.EXPIRES);
    }

    private long number(HeaderType type) {
        int i = firstHeader(type);
        return i == ABSENT ? SipNumbers.ABSENT : SipNumbers.parseUInt32(buffer, valueOffsets[i], valueLengths[i]);
    }

    /** True when the Call-ID value of this message equals the given bytes (no allocation). */
    public boolean callIdEquals(ByteBuffer other, int off, int len) {
        int i = firstHeader(HeaderType.CALL_ID);
        return i != ABSENT && SipBytes.rangeEquals(buffer, valueOffsets[i], valueLengths[i], other, off, len);
    }

    // ---- String conveniences (allocate: tests, logs, cold paths) ---------------------------

    public String methodName() {
        return SipBytes.string(buffer, methodOffset, methodLength);
    }

    public String requestUriString() {
        return SipBytes.string(buffer, uriOffset, uriLength);
    }

    public String reasonPhrase() {
        return SipBytes.string(buffer, reasonOffset, reasonLength);
    }

    public String headerName(int i) {
        return SipBytes.string(buffer, nameOffsets[i], nameLengths[i]);
    }

    public String headerValue(int i) {
        return SipBytes.string(buffer, valueOffsets[i], valueLengths[i]);
    }

    /** Value of the first header of this type, or null. */
    public String headerValue(HeaderType type) {
        int i = firstHeader(type);
        return i == ABSENT ? null : headerValue(i);
    }

    public String body() {
        return SipBytes.string(buffer, bodyOffset, bodyLength);
    }

    @Override
    public String toString() {
        if (buffer == null) {
            return "SipMessage[empty]";
        }
        String first = request ? methodName() + " " + requestUriString() : "SIP " + statusCode;
        return "SipMessage[" + first + ", headers=" + headerCount + ", body=" + bodyLength + ", error=" + error + "]";
    }
}
