package org.sipbridge.sip;

/**
 * Immutable bounds that keep a hostile peer from making the parser do unbounded work or the
 * framer buffer unbounded data. Exceeding one is a parse error, never an exception.
 */
public final class SipLimits {
    /** 65535 bytes per message, 256 header fields, 8192 bytes per start line or header field. */
    public static final SipLimits DEFAULT = new SipLimits(65535, 256, 8192);

    private final int maxMessageSize;
    private final int maxHeaders;
    private final int maxLineLength;

    private SipLimits(int maxMessageSize, int maxHeaders, int maxLineLength) {
        if (maxMessageSize < 64 || maxHeaders < 1 || maxLineLength < 16) {
            throw new IllegalArgumentException("limits too small: message " + maxMessageSize
                    + ", headers " + maxHeaders + ", line " + maxLineLength);
        }
        this.maxMessageSize = maxMessageSize;
        this.maxHeaders = maxHeaders;
        this.maxLineLength = maxLineLength;
    }

    /** Largest whole message (start line, headers, body) in bytes. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Largest number of header fields (lines, folded lines counting once). */
    public int maxHeaders() {
        return maxHeaders;
    }

    /** Largest start line or header field (including continuation lines and CRLF) in bytes. */
    public int maxLineLength() {
        return maxLineLength;
    }

    public SipLimits withMaxMessageSize(int bytes) {
        return new SipLimits(bytes, maxHeaders, maxLineLength);
    }

    public SipLimits withMaxHeaders(int count) {
        return new SipLimits(maxMessageSize, count, maxLineLength);
    }

    public SipLimits withMaxLineLength(int bytes) {
        return new SipLimits(maxMessageSize, maxHeaders, bytes);
    }

    @Override
    public String toString() {
        return "SipLimits[message=" + maxMessageSize + ", headers=" + maxHeaders + ", line=" + maxLineLength + "]";
    }
}
