package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * The {@code ;name=value} parameters of a URI, Via or name-addr, as offsets. Reused across
 * parses; holds up to {@link #CAPACITY} parameters (more is {@link SipError#TOO_MANY_PARAMETERS}).
 */
public final class ParamList {
    public static final int CAPACITY = 32;

    private ByteBuffer buf;
    private int count;
    private final int[] nameOffsets = new int[CAPACITY];
    private final int[] nameLengths = new int[CAPACITY];
    private final int[] valueOffsets = new int[CAPACITY];
    private final int[] valueLengths = new int[CAPACITY];
    private int stop;

    void clear(ByteBuffer buf) {
        this.buf = buf;
        this.count = 0;
        this.stop = 0;
    }

    public int count() {
        return count;
    }

    public int nameOffset(int i) {
        return nameOffsets[i];
    }

    public int nameLength(int i) {
        return nameLengths[i];
    }

    /** Value offset, or {@link SipMessage#ABSENT} for a parameter without "=value". */
    public int valueOffset(int i) {
        return valueOffsets[i];
    }

    /** Value length (a quoted value keeps its quotes); 0 when absent. */
    public int valueLength(int i) {
        return valueLengths[i];
    }

    /** Index of the parameter with this name (case-insensitive, lower-case ASCII), or -1. */
    public int indexOf(byte[] lowerName) {
        for (int i = 0; i < count; i++) {
            if (SipBytes.equalsIgnoreCase(buf, nameOffsets[i], nameLengths[i], lowerName)) {
                return i;
            }
        }
        return -1;
    }

    /** Like {@link #indexOf} but decodes %HH escapes in names first (URI parameters). */
    int indexOfUnescaped(byte[] lowerName) {
        for (int i = 0; i < count; i++) {
            if (SipBytes.equalsIgnoreCaseUnescaped(buf, nameOffsets[i], nameLengths[i], lowerName)) {
                return i;
            }
        }
        return -1;
    }

    /** Where parsing stopped: the ',' that ends a list element, a '?' in a URI, or the end. */
    int stop() {
        return stop;
    }

    public String name(int i) {
        return SipBytes.string(buf, nameOffsets[i], nameLengths[i]);
    }

    /** Value text (quotes kept), or null when the parameter has no value. */
    public String value(int i) {
        return valueOffsets[i] == SipMessage.ABSENT ? null : SipBytes.string(buf, valueOffsets[i], valueLengths[i]);
    }

    /** Value of the named parameter, "" when it has none, null when it is absent. */
    public String value(String name) {
        int i = indexOf(SipBytes.lowerAscii(name));
        if (i < 0) {
            return null;
        }
        String v = value(i);
        return v == null ? "" : v;
    }

    public boolean has(String name) {
        return indexOf(SipBytes.lowerAscii(name)) >= 0;
    }

    private boolean add(int nameOff, int nameLen, int valueOff, int valueLen) {
        if (count == CAPACITY) {
            return false;
        }
        nameOffsets[count] = nameOff;
        nameLengths[count] = nameLen;
        valueOffsets[count] = valueOff;
        valueLengths[count] = valueLen;
        count++;
        return true;
    }

    /**
     * Parses {@code *( SEMI generic-param )} of a header value starting at p, where
     * SEMI = SWS ";" SWS, generic-param = token [ EQUAL gen-value ] and gen-value = token /
     * host / quoted-string. Stops before a ',' (next list element) or at end; see {@link #stop()}.
     * Values also admit ':' so that Via received= may carry a bare IPv6 address (RFC 5118 4.5).
     */
    SipError parseHeaderParams(ByteBuffer buf, int p, int end) {
        clear(buf);
        p = SipBytes.skipLws(buf, p, end);
        while (p < end) {
            byte c = buf.get(p);
            if (c == ',') {
                break;
            }
            if (c != ';') {
                stop = p;
                return SipError.TRAILING_GARBAGE;
            }
            p = SipBytes.skipLws(buf, p + 1, end);
            int nameOff = p;
            while (p < end && CharClass.isToken(buf.get(p))) {
                p++;
            }
            if (p == nameOff) {
                stop = p;
                return SipError.EMPTY_PARAMETER;
            }
            int nameLen = p - nameOff;
            p = SipBytes.skipLws(buf, p, end);
            int valueOff = SipMessage.ABSENT;
            int valueLen = 0;
            if (p < end && buf.get(p) == '=') {
                p = SipBytes.skipLws(buf, p + 1, end);
                valueOff = p;
                if (p < end && buf.get(p) == '"') {
                    p = SipBytes.skipQuotedString(buf, p, end);
                    if (p < 0) {
                        stop = end;
                        return SipError.UNTERMINATED_QUOTED_STRING;
                    }
                } else {
                    while (p < end && isValueChar(buf.get(p))) {
                        p++;
                    }
                }
                valueLen = p - valueOff;
                if (valueLen == 0) {
                    stop = p;
                    return SipError.BAD_PARAMETER;
                }
                p = SipBytes.skipLws(buf, p, end);
            }
            if (!add(nameOff, nameLen, valueOff, valueLen)) {
                stop = p;
                return SipError.TOO_MANY_PARAMETERS;
            }
        }
        stop = p;
        return SipError.NONE;
    }

    private static boolean isValueChar(byte b) {
        return CharClass.isToken(b) || b == ':' || b == '[' || b == ']';
    }

    /**
     * Parses {@code *( ";" uri-parameter )} of a SIP URI starting at p (no whitespace allowed):
     * pname [ "=" pvalue ], both 1*paramchar with %HH escapes. Stops at '?' or end.
     */
    SipError parseUriParams(ByteBuffer buf, int p, int end) {
        clear(buf);
        while (p < end && buf.get(p) == ';') {
            int nameOff = ++p;
            p = skipParamChars(buf, p, end);
            if (p < 0) {
                return SipError.URI_BAD_PARAMETER;
            }
            int nameLen = p - nameOff;
            if (nameLen == 0) {
                stop = p;
                return SipError.URI_BAD_PARAMETER;
            }
            int valueOff = SipMessage.ABSENT;
            int valueLen = 0;
            if (p < end && buf.get(p) == '=') {
                valueOff = ++p;
                p = skipParamChars(buf, p, end);
                if (p < 0 || p == valueOff) {
                    stop = Math.max(p, valueOff);
                    return SipError.URI_BAD_PARAMETER;
                }
                valueLen = p - valueOff;
            }
            if (!add(nameOff, nameLen, valueOff, valueLen)) {
                stop = p;
                return SipError.TOO_MANY_PARAMETERS;
            }
        }
        stop = p;
        return SipError.NONE;
    }

    /** End of a run of paramchar (with valid escapes) starting at p, or -1 on a bad escape. */
    private static int skipParamChars(ByteBuffer buf, int p, int end) {
        return SipBytes.skipEscapedOr(buf, p, end, CharClass.UNRESERVED | CharClass.PARAM_EXTRA);
    }
}
