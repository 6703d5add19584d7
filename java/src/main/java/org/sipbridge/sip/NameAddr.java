package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * One {@code ( name-addr / addr-spec ) *( SEMI param )} value, as in From, To, Contact, Route,
 * Record-Route, Path, Refer-To, P-Asserted-Identity (RFC 3261 20.10, 25.1). For list headers,
 * {@link #hasNext()}/{@link #next()} walk the comma-separated values of the same field.
 *
 * <p>The URI's extent is found here; its inside is parsed only by {@link #parseUri(SipUri)}.
 * A URI outside angle brackets ends at ';', ',' or whitespace, so its parameters become header
 * parameters, and one containing '?' is rejected (RFC 3261 20.10, RFC 4475 3.1.2.13).
 */
public final class NameAddr extends HeaderListParser {
    private static final byte[] TAG = SipBytes.lowerAscii("tag");
    private static final byte[] EXPIRES = SipBytes.lowerAscii("expires");
    private static final byte[] Q = SipBytes.lowerAscii("q");

    private int displayOffset;
    private int displayLength;
    private int uriOffset;
    private int uriLength;
    private boolean angleBrackets;
    private boolean star;
    private final ParamList params = new ParamList();
    private int tagParam;
    private int expiresParam;
    private int qParam;
    /** Why the last {@link #angleAddr} call returned -1. */
    private SipError angleError = SipError.NONE;

    void clear() {
        buf = null;
        end = 0;
        reset(0);
    }

    private void reset(int off) {
        startValue(off);
        displayOffset = SipMessage.ABSENT;
        displayLength = 0;
        uriOffset = SipMessage.ABSENT;
        uriLength = 0;
        angleBrackets = false;
        star = false;
        params.clear(buf);
        tagParam = -1;
        expiresParam = -1;
        qParam = -1;
    }

    @Override
    SipError parseAt(int off) {
        int p = SipBytes.skipLws(buf, off, end);
        reset(p);
        if (p == end || buf.get(p) == ',') {
            return SipError.EMPTY_VALUE;
        }
        SipError e;
        byte c = buf.get(p);
        if (c == '*') {
            star = true; // Contact: * (RFC 3261 10.2.2); only legal alone, checked by the user
            p++;
            e = SipError.NONE;
        } else if (c == '"') {
            int q = SipBytes.skipQuotedString(buf, p, end);
            if (q < 0) {
                return SipError.UNTERMINATED_QUOTED_STRING;
            }
            displayOffset = p;
            displayLength = q - p;
            p = SipBytes.skipLws(buf, q, end);
            if (p == end || buf.get(p) != '<') {
                return SipError.BAD_DISPLAY_NAME;
            }
            p = angleAddr(p);
            e = p < 0 ? angleError : SipError.NONE;
        } else if (c == '<') {
            p = angleAddr(p);
            e = p < 0 ? angleError : SipError.NONE;
        } else {
            int t = p;
            while (t < end && CharClass.isToken(buf.get(t))) {
                t++;
            }
            if (t > p && t < end && buf.get(t) == ':') {
                p = addrSpec(p);
                e = p < 0 ? SipError.URI_NEEDS_ANGLE_BRACKETS : SipError.NONE;
            } else {
                p = tokenDisplayName(p);
                if (p < 0) {
                    return SipError.BAD_DISPLAY_NAME;
                }
                p = angleAddr(p);
                e = p < 0 ? angleError : SipError.NONE;
            }
        }
        if (e != SipError.NONE) {
            return e;
        }
        e = parseParams(params, p);
        if (e != SipError.NONE) {
            return e;
        }
        tagParam = params.indexOf(TAG);
        expiresParam = params.indexOf(EXPIRES);
        qParam = params.indexOf(Q);
        return SipError.NONE;
    }

    /** display-name = *(token LWS): returns the index of the '<' that must follow, or -1. */
    private int tokenDisplayName(int p) {
        int q = p;
        int lastTokenEnd = p;
        while (q < end) {
            byte b = buf.get(q);
            if (CharClass.isToken(b)) {
                q++;
                lastTokenEnd = q;
            } else if (CharClass.isLws(b)) {
                q++;
            } else {
                break;
            }
        }
        if (q == end || buf.get(q) != '<') {
            return -1;
        }
        if (lastTokenEnd > p) {
            displayOffset = p;
            displayLength = lastTokenEnd - p;
        }
        return q;
    }

    /** LAQUOT addr-spec RAQUOT at p (the '<'); returns the index after '>' or -1. */
    private int angleAddr(int p) {
        int uriStart = p + 1;
        int close = SipBytes.indexOf(buf, uriStart, end, '>');
        if (close < 0) {
            angleError = SipError.UNTERMINATED_ANGLE_BRACKET;
            return -1;
        }
        if (close == uriStart || CharClass.isLws(buf.get(uriStart)) || CharClass.isLws(buf.get(close - 1))) {
            angleError = close == uriStart ? SipError.URI_BAD_SCHEME : SipError.WHITESPACE_IN_ANGLE_BRACKETS;
            return -1;
        }
        angleBrackets = true;
        uriOffset = uriStart;
        uriLength = close - uriStart;
        return close + 1;
    }

    /** addr-spec without brackets: ends at ';', ',' or whitespace; must not contain '?'. */
    private int addrSpec(int p) {
        int q = p;
        while (q < end) {
            byte b = buf.get(q);
            if (b == ';' || b == ',' || CharClass.isLws(b)) {
                break;
            }
            if (b == '?') {
                return -1;
            }
            q++;
        }
        uriOffset = p;
        uriLength = q - p;
        return q;
    }

    /** Parses the URI of this value into {@code out}. */
    public SipError parseUri(SipUri out) {
        if (uriOffset == SipMessage.ABSENT) {
            out.clear();
            return SipError.URI_BAD_SCHEME;
        }
        return out.parse(buf, uriOffset, uriLength);
    }

    // ---- accessors -------------------------------------------------------------------------

    /** Display name as written (a quoted one keeps its quotes); {@link SipMessage#ABSENT} if none. */
    public int displayNameOffset() {
        return displayOffset;
    }

    public int displayNameLength() {
        return displayLength;
    }

    public int uriOffset() {
        return uriOffset;
    }

    public int uriLength() {
        return uriLength;
    }

    /** True for the name-addr form ({@code <uri>}), false for a bare addr-spec. */
    public boolean hasAngleBrackets() {
        return angleBrackets;
    }

    /** True for the Contact wildcard "*". */
    public boolean isStar() {
        return star;
    }

    public ParamList params() {
        return params;
    }

    /** The tag parameter's value offset, or {@link SipMessage#ABSENT}. */
    public int tagOffset() {
        return tagParam < 0 ? SipMessage.ABSENT : params.valueOffset(tagParam);
    }

    public int tagLength() {
        return tagParam < 0 ? 0 : params.valueLength(tagParam);
    }

    /** The expires parameter as a number, or a {@link SipNumbers} code (ABSENT when missing). */
    public long expires() {
        if (expiresParam < 0) {
            return SipNumbers.ABSENT;
        }
        int off = params.valueOffset(expiresParam);
        return off == SipMessage.ABSENT ? SipNumbers.MALFORMED : SipNumbers.parseUInt32(buf, off, params.valueLength(expiresParam));
    }

    /** Index of the q parameter in {@link #params()}, or -1. */
    public int qParam() {
        return qParam;
    }

    // ---- String conveniences ---------------------------------------------------------------

    /** Display name without quotes and with quoted-pairs resolved, or null. */
    public String displayName() {
        if (displayOffset == SipMessage.ABSENT) {
            return null;
        }
        if (buf.get(displayOffset) != '"') {
            return SipBytes.string(buf, displayOffset, displayLength);
        }
        byte[] out = new byte[displayLength];
        int n = 0;
        for (int p = displayOffset + 1; p < displayOffset + displayLength - 1; p++) {
            byte b = buf.get(p);
            if (b == '\\' && p + 1 < displayOffset + displayLength - 1) {
                b = buf.get(++p);
            }
            out[n++] = b;
        }
        return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String uri() {
        return uriOffset == SipMessage.ABSENT ? null : SipBytes.string(buf, uriOffset, uriLength);
    }

    public String tag() {
        return tagParam < 0 ? null : params.value(tagParam);
    }

    public String q() {
        return qParam < 0 ? null : params.value(qParam);
    }
}
