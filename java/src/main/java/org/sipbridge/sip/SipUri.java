package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * A URI parsed on demand (RFC 3261 19.1, RFC 3966 for tel:), as offsets into the message.
 * SIP/SIPS URIs are split into user, password, host (an IPv6 reference keeps its brackets),
 * port, parameters and headers; tel: into the number (as user) and parameters; any other scheme
 * keeps only its scheme and opaque part. Components stay escaped: {@link #userUnescaped()}
 * decodes for display, and known parameter names are matched after unescaping (RFC 3261
 * 19.1.4), so {@code ;%6C%72} is {@code lr}.
 */
public final class SipUri {
    public enum Scheme { SIP, SIPS, TEL, OTHER }

    private static final byte[] SIP = SipBytes.lowerAscii("sip");
    private static final byte[] SIPS = SipBytes.lowerAscii("sips");
    private static final byte[] TEL = SipBytes.lowerAscii("tel");
    private static final byte[] TRANSPORT = SipBytes.lowerAscii("transport");
    private static final byte[] USER = SipBytes.lowerAscii("user");
    private static final byte[] METHOD = SipBytes.lowerAscii("method");
    private static final byte[] TTL = SipBytes.lowerAscii("ttl");
    private static final byte[] MADDR = SipBytes.lowerAscii("maddr");
    private static final byte[] LR = SipBytes.lowerAscii("lr");

    private ByteBuffer buf;
    private int offset;
    private int length;
    private Scheme scheme = Scheme.OTHER;
    private int schemeLength;
    private int userOffset;
    private int userLength;
    private int passwordOffset;
    private int passwordLength;
    private int hostOffset;
    private int hostLength;
    private int port;
    private int headersOffset;
    private int headersLength;
    private final ParamList params = new ParamList();
    private int transportParam;
    private int userParam;
    private int methodParam;
    private int ttlParam;
    private int maddrParam;
    private int lrParam;
    private final int[] digitsEnd = new int[1];

    void clear() {
        clear(null, 0, 0);
    }

    private void clear(ByteBuffer buf, int off, int len) {
        this.buf = buf;
        offset = off;
        length = len;
        scheme = Scheme.OTHER;
        schemeLength = 0;
        userOffset = SipMessage.ABSENT;
        userLength = 0;
        passwordOffset = SipMessage.ABSENT;
        passwordLength = 0;
        hostOffset = SipMessage.ABSENT;
        hostLength = 0;
        port = -1;
        headersOffset = SipMessage.ABSENT;
        headersLength = 0;
        params.clear(buf);
        transportParam = -1;
        userParam = -1;
        methodParam = -1;
        ttlParam = -1;
        maddrParam = -1;
        lrParam = -1;
    }

    /** Parses the URI at [off, off+len) (no surrounding whitespace or angle brackets). */
    public SipError parse(ByteBuffer buf, int off, int len) {
        clear(buf, off, len);
        int end = off + len;
        if (len == 0 || !CharClass.isAlpha(buf.get(off))) {
            return SipError.URI_BAD_SCHEME;
        }
        int p = off + 1;
        while (p < end && CharClass.is(buf.get(p), CharClass.SCHEME)) {
            p++;
        }
        if (p == end || buf.get(p) != ':') {
            return SipError.URI_BAD_SCHEME;
        }
        schemeLength = p - off;
        if (SipBytes.equalsIgnoreCase(buf, off, schemeLength, SIP)) {
            scheme = Scheme.SIP;
        } else if (SipBytes.equalsIgnoreCase(buf, off, schemeLength, SIPS)) {
            scheme = Scheme.SIPS;
        } else if (SipBytes.equalsIgnoreCase(buf, off, schemeLength, TEL)) {
            scheme = Scheme.TEL;
        }
        p++;
        switch (scheme) {
            case SIP:
            case SIPS:
                return parseSip(buf, p, end);
            case TEL:
                return parseTel(buf, p, end);
            default:
                return parseOpaque(buf, p, end);
        }
    }

    private SipError parseSip(ByteBuffer buf, int p, int end) {
        // userinfo ends at the first '@': '@' is never legal unescaped after it, while the user
        // part itself may hold ';', '?', ',' and '/' (RFC 4475 3.1.1.2 / 3.1.1.9).
        int at = SipBytes.indexOf(buf, p, end, '@');
        if (at >= 0) {
            int colon = SipBytes.indexOf(buf, p, at, ':');
            int userEnd = colon >= 0 ? colon : at;
            if (userEnd == p || !allEscapedOr(buf, p, userEnd, CharClass.UNRESERVED | CharClass.USER_EXTRA)) {
                return SipError.URI_BAD_USER;
            }
            userOffset = p;
            userLength = userEnd - p;
            if (colon >= 0) {
                if (!allEscapedOr(buf, colon + 1, at, CharClass.UNRESERVED | CharClass.PASSWORD_EXTRA)) {
                    return SipError.URI_BAD_PASSWORD;
                }
                passwordOffset = colon + 1;
                passwordLength = at - colon - 1;
            }
            p = at + 1;
        }
        p = parseHost(buf, p, end);
        if (p < 0) {
            return SipError.URI_BAD_HOST;
        }
        if (p < end && buf.get(p) == ':') {
            long value = SipNumbers.parseDigits(buf, p + 1, end, digitsEnd);
            if (value < 0 || value > 65535) {
                return SipError.URI_BAD_PORT;
            }
            port = (int) value;
            p = digitsEnd[0];
        }
        SipError e = parseParamsAndHeaders(buf, p, end);
        if (e != SipError.NONE) {
            return e;
        }
        transportParam = params.indexOfUnescaped(TRANSPORT);
        userParam = params.indexOfUnescaped(USER);
        methodParam = params.indexOfUnescaped(METHOD);
        ttlParam = params.indexOfUnescaped(TTL);
        maddrParam = params.indexOfUnescaped(MADDR);
        lrParam = params.indexOfUnescaped(LR);
        return SipError.NONE;
    }

    /** host = hostname / IPv4address / IPv6reference: the index after it, or -1. */
    private int parseHost(ByteBuffer buf, int p, int end) {
        int q = SipBytes.skipHost(buf, p, end);
        if (q >= 0) {
            hostOffset = p;
            hostLength = q - p;
        }
        return q;
    }

    private SipError parseParamsAndHeaders(ByteBuffer buf, int p, int end) {
        SipError e = params.parseUriParams(buf, p, end);
        if (e != SipError.NONE) {
            return e;
        }
        p = params.stop();
        if (p < end && buf.get(p) == '?') {
            headersOffset = p + 1;
            headersLength = end - p - 1;
            if (!validHeaders(buf, p + 1, end)) {
                return SipError.URI_BAD_HEADERS;
            }
            p = end;
        }
        return p == end ? SipError.NONE : SipError.URI_BAD_CHARACTER;
    }

    /** headers = header *( "&" header ), header = hname "=" hvalue (escapes allowed). */
    private static boolean validHeaders(ByteBuffer buf, int p, int end) {
        int chars = CharClass.UNRESERVED | CharClass.HEADER_EXTRA;
        while (true) {
            int nameStart = p;
            p = SipBytes.skipEscapedOr(buf, p, end, chars);
            if (p <= nameStart || p == end || buf.get(p) != '=') {
                return false;
            }
            p = SipBytes.skipEscapedOr(buf, p + 1, end, chars);
            if (p < 0) {
                return false;
            }
            if (p == end) {
                return true;
            }
            if (buf.get(p) != '&') {
                return false;
            }
            p++;
        }
    }

    /** tel: number then parameters (RFC 3966), checked with the URI parameter rules. */
    private SipError parseTel(ByteBuffer buf, int p, int end) {
        int numberEnd = SipBytes.skipEscapedOr(buf, p, end, CharClass.UNRESERVED | CharClass.PARAM_EXTRA);
        if (numberEnd <= p) {
            return SipError.URI_BAD_USER;
        }
        userOffset = p;
        userLength = numberEnd - p;
        return parseParamsAndHeaders(buf, numberEnd, end);
    }

    /** Unknown scheme: any visible, non-delimiting bytes (RFC 3986 absolute URI, loosely). */
    private SipError parseOpaque(ByteBuffer buf, int p, int end) {
        for (int q = p; q < end; q++) {
            int b = buf.get(q) & 0xFF;
            if (b <= ' ' || b == '<' || b == '>' || b == '"' || b == 0x7F) {
                return SipError.URI_BAD_CHARACTER;
            }
        }
        return SipError.NONE;
    }

    private static boolean allEscapedOr(ByteBuffer buf, int p, int end, int classes) {
        return SipBytes.skipEscapedOr(buf, p, end, classes) == end;
    }

    // ---- accessors -------------------------------------------------------------------------

    public Scheme scheme() {
        return scheme;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public int schemeLength() {
        return schemeLength;
    }

    /** User part (SIP) or number (tel), still escaped; {@link SipMessage#ABSENT} if none. */
    public int userOffset() {
        return userOffset;
    }

    public int userLength() {
        return userLength;
    }

    public int passwordOffset() {
        return passwordOffset;
    }

    public int passwordLength() {
        return passwordLength;
    }

    /** Host; an IPv6 reference includes its brackets. */
    public int hostOffset() {
        return hostOffset;
    }

    public int hostLength() {
        return hostLength;
    }

    public boolean isIpv6Reference() {
        return hostLength > 0 && buf.get(hostOffset) == '[';
    }

    /** Port, or -1 when the URI names none. */
    public int port() {
        return port;
    }

    public boolean hasExplicitPort() {
        return port >= 0;
    }

    public ParamList params() {
        return params;
    }

    /** Offset of the headers after '?', or {@link SipMessage#ABSENT}. */
    public int headersOffset() {
        return headersOffset;
    }

    public int headersLength() {
        return headersLength;
    }

    public boolean hasHeaders() {
        return headersOffset != SipMessage.ABSENT;
    }

    /** Parameter indexes into {@link #params()} (-1 when absent). */
    public int transportParam() {
        return transportParam;
    }

    public int userParam() {
        return userParam;
    }

    public int methodParam() {
        return methodParam;
    }

    public int ttlParam() {
        return ttlParam;
    }

    public int maddrParam() {
        return maddrParam;
    }

    public boolean lr() {
        return lrParam >= 0;
    }

    // ---- String conveniences ---------------------------------------------------------------

    public String user() {
        return userOffset == SipMessage.ABSENT ? null : SipBytes.string(buf, userOffset, userLength);
    }

    public String userUnescaped() {
        return userOffset == SipMessage.ABSENT ? null : SipBytes.unescape(buf, userOffset, userLength);
    }

    public String password() {
        return passwordOffset == SipMessage.ABSENT ? null : SipBytes.string(buf, passwordOffset, passwordLength);
    }

    public String host() {
        return hostOffset == SipMessage.ABSENT ? null : SipBytes.string(buf, hostOffset, hostLength);
    }

    public String headers() {
        return headersOffset == SipMessage.ABSENT ? null : SipBytes.string(buf, headersOffset, headersLength);
    }

    /** Value of a known parameter by index from the accessors above, or null. */
    public String paramValue(int index) {
        return index < 0 ? null : params.value(index);
    }

    @Override
    public String toString() {
        return buf == null ? "" : SipBytes.string(buf, offset, length);
    }
}
