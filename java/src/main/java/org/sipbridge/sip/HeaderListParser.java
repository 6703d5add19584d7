package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * What {@link Via} and {@link NameAddr} share: a header field may hold several comma-separated
 * values, each ending with {@code *( SEMI param )}; parse the first, then walk the others.
 */
abstract class HeaderListParser {
    ByteBuffer buf;
    int end;
    int valueOffset;
    int valueLength;
    int nextOffset = SipMessage.ABSENT;

    /** Parses the first value of the header value at [off, off+len). */
    public SipError parse(ByteBuffer buf, int off, int len) {
        this.buf = buf;
        this.end = off + len;
        return parseAt(off);
    }

    /** True when a ',' followed the current value in the same header field. */
    public boolean hasNext() {
        return nextOffset != SipMessage.ABSENT;
    }

    /** Parses the value after the current one in the same header field. */
    public SipError next() {
        if (nextOffset == SipMessage.ABSENT) {
            return SipError.EMPTY_VALUE;
        }
        return parseAt(nextOffset);
    }

    /** Extent of the current value within the header value (parameters included). */
    public int valueOffset() {
        return valueOffset;
    }

    public int valueLength() {
        return valueLength;
    }

    /** Parses one value starting at off (leading whitespace allowed). */
    abstract SipError parseAt(int off);

    /** Starts a value at off: forgets the previous one's extent and successor. */
    void startValue(int off) {
        valueOffset = off;
        valueLength = 0;
        nextOffset = SipMessage.ABSENT;
    }

    /**
     * Parses the parameters from p to the end of this value, then records the value's extent and,
     * when a ',' ended it, where the next value starts.
     */
    SipError parseParams(ParamList params, int p) {
        SipError e = params.parseHeaderParams(buf, p, end);
        int stop = params.stop();
        valueLength = SipBytes.trimLwsEnd(buf, valueOffset, stop) - valueOffset;
        if (e == SipError.NONE && stop < end) {
            nextOffset = stop + 1; // stopped at ','
        }
        return e;
    }
}
