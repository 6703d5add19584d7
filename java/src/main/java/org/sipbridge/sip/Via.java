package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * One via-parm (RFC 3261 20.42): {@code sent-protocol LWS sent-by *( SEMI via-params )} with
 * whitespace allowed around '/', ':', ';' and '=' (SLASH, COLON, SEMI, EQUAL are SWS-padded).
 * Several via-parms may share a header field: {@link #hasNext()}/{@link #next()} walk them.
 * received= may hold a bare or bracketed IPv6 address (RFC 5118 4.5: both are accepted).
 */
public final class Via extends HeaderListParser {
    private static final byte[] BRANCH = SipBytes.lowerAscii("branch");
    private static final byte[] RECEIVED = SipBytes.lowerAscii("received");
    private static final byte[] RPORT = SipBytes.lowerAscii("rport");
    private static final byte[] MADDR = SipBytes.lowerAscii("maddr");
    private static final byte[] TTL = SipBytes.lowerAscii("ttl");

    private int protocolOffset;
    private int protocolLength;
    private int versionOffset;
    private int versionLength;
    private int transportOffset;
    private int transportLength;
    private int hostOffset;
    private int hostLength;
    private int port;
    private final ParamList params = new ParamList();
    private int branchParam;
    private int receivedParam;
    private int rportParam;
    private int maddrParam;
    private int ttlParam;
    private final int[] digitsEnd = new int[1];

    void clear() {
        buf = null;
        end = 0;
        reset(0);
    }

    private void reset(int off) {
        startValue(off);
        protocolOffset = SipMessage.ABSENT;
        protocolLength = 0;
        versionOffset = SipMessage.ABSENT;
        versionLength = 0;
        transportOffset = SipMessage.ABSENT;
        transportLength = 0;
        hostOffset = SipMessage.ABSENT;
        hostLength = 0;
        port = -1;
        params.clear(buf);
        branchParam = -1;
        receivedParam = -1;
        rportParam = -1;
        maddrParam = -1;
        ttlParam = -1;
    }

    @Override
    SipError parseAt(int off) {
        int p = SipBytes.skipLws(buf, off, end);
        reset(p);
        if (p == end) {
            return SipError.EMPTY_VALUE;
        }
        // sent-protocol = protocol-name SLASH protocol-version SLASH transport
        protocolOffset = p;
        p = token(p);
        protocolLength = p - protocolOffset;
        p = slash(p);
        if (protocolLength == 0 || p < 0) {
            return SipError.VIA_BAD_SENT_PROTOCOL;
        }
        versionOffset = p;
        p = token(p);
        versionLength = p - versionOffset;
        p = slash(p);
        if (versionLength == 0 || p < 0) {
            return SipError.VIA_BAD_SENT_PROTOCOL;
        }
        transportOffset = p;
        p = token(p);
        transportLength = p - transportOffset;
        if (transportLength == 0 || p == end || !CharClass.isLws(buf.get(p))) {
            return SipError.VIA_BAD_SENT_PROTOCOL;
        }
        // sent-by = host [ COLON port ]
        p = SipBytes.skipLws(buf, p, end);
        p = host(p);
        if (p < 0) {
            return SipError.VIA_BAD_SENT_BY;
        }
        int q = SipBytes.skipLws(buf, p, end);
        if (q < end && buf.get(q) == ':') {
            q = SipBytes.skipLws(buf, q + 1, end);
            long value = SipNumbers.parseDigits(buf, q, end, digitsEnd);
            if (value < 0 || value > 65535) {
                return SipError.VIA_BAD_PORT;
            }
            port = (int) value;
            p = digitsEnd[0];
        }
        SipError e = parseParams(params, p);
        if (e != SipError.NONE) {
            return e;
        }
        branchParam = params.indexOf(BRANCH);
        receivedParam = params.indexOf(RECEIVED);
        rportParam = params.indexOf(RPORT);
        maddrParam = params.indexOf(MADDR);
        ttlParam = params.indexOf(TTL);
        return SipError.NONE;
    }

    private int token(int p) {
        while (p < end && CharClass.isToken(buf.get(p))) {
            p++;
        }
        return p;
    }

    /** SLASH = SWS "/" SWS: index after it, or -1. */
    private int slash(int p) {
        p = SipBytes.skipLws(buf, p, end);
        if (p == end || buf.get(p) != '/') {
            return -1;
        }
        return SipBytes.skipLws(buf, p + 1, end);
    }

    /** hostname / IPv4address / IPv6reference; index after it, or -1. */
    private int host(int p) {
        int q = SipBytes.skipHost(buf, p, end);
        if (q >= 0) {
            hostOffset = p;
            hostLength = q - p;
        }
        return q;
    }

    // ---- accessors -------------------------------------------------------------------------

    public int protocolOffset() {
        return protocolOffset;
    }

    public int protocolLength() {
        return protocolLength;
    }

    public int versionOffset() {
        return versionOffset;
    }

    public int versionLength() {
        return versionLength;
    }

    public int transportOffset() {
        return transportOffset;
    }

    public int transportLength() {
        return transportLength;
    }

    /** sent-by host; an IPv6 reference keeps its brackets. */
    public int hostOffset() {
        return hostOffset;
    }

    public int hostLength() {
        return hostLength;
    }

    /** sent-by port, or -1 when absent. */
    public int port() {
        return port;
    }

    public ParamList params() {
        return params;
    }

    public int branchOffset() {
        return valueOffsetOf(branchParam);
    }

    public int branchLength() {
        return valueLengthOf(branchParam);
    }

    public boolean hasBranch() {
        return branchParam >= 0;
    }

    public int receivedOffset() {
        return valueOffsetOf(receivedParam);
    }

    public int receivedLength() {
        return valueLengthOf(receivedParam);
    }

    /** True when an rport parameter is present, with or without a value. */
    public boolean hasRport() {
        return rportParam >= 0;
    }

    /**
     * rport value, or {@link SipNumbers#ABSENT} for a bare ";rport" (or no rport at all), or
     * {@link SipNumbers#MALFORMED} / {@link SipNumbers#TOO_LARGE}.
     */
    public long rport() {
        return number(rportParam);
    }

    public int maddrOffset() {
        return valueOffsetOf(maddrParam);
    }

    public int maddrLength() {
        return valueLengthOf(maddrParam);
    }

    /** ttl value or a {@link SipNumbers} code. */
    public long ttl() {
        return number(ttlParam);
    }

    private int valueOffsetOf(int param) {
        return param < 0 ? SipMessage.ABSENT : params.valueOffset(param);
    }

    private int valueLengthOf(int param) {
        return param < 0 ? 0 : params.valueLength(param);
    }

    private long number(int param) {
        if (param < 0 || params.valueOffset(param) == SipMessage.ABSENT) {
            return SipNumbers.ABSENT;
        }
        return SipNumbers.parseUInt32(buf, params.valueOffset(param), params.valueLength(param));
    }

    // ---- String conveniences ---------------------------------------------------------------

    public String protocol() {
        return SipBytes.string(buf, protocolOffset, protocolLength);
    }

    public String version() {
        return SipBytes.string(buf, versionOffset, versionLength);
    }

    public String transport() {
        return SipBytes.string(buf, transportOffset, transportLength);
    }

    public String host() {
        return SipBytes.string(buf, hostOffset, hostLength);
    }

    public String branch() {
        return branchParam < 0 ? null : params.value(branchParam);
    }

    public String received() {
        return receivedParam < 0 ? null : params.value(receivedParam);
    }

    public String maddr() {
        return maddrParam < 0 ? null : params.value(maddrParam);
    }
}
