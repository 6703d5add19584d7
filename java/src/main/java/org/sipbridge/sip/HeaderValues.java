package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * Walks the comma-separated values of a list header field (RFC 3261 7.3.1; see
 * {@link HeaderType#isList()}) without copying. Commas inside quoted strings and inside
 * {@code <...>} do not split. Values are trimmed; empty values (",,") are skipped.
 *
 * <pre>
 * values.reset(buf, msg.headerValueOffset(i), msg.headerValueLength(i));
 * while (values.next()) { use(values.offset(), values.length()); }
 * </pre>
 */
public final class HeaderValues {
    private ByteBuffer buf;
    private int pos;
    private int end;
    private int offset;
    private int length;

    public void reset(ByteBuffer buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
        this.offset = SipMessage.ABSENT;
        this.length = 0;
    }

    /** Advances to the next non-empty value; false when there is none. */
    public boolean next() {
        while (pos < end) {
            int start = pos;
            int p = pos;
            boolean inAngle = false;
            while (p < end) {
                byte b = buf.get(p);
                if (b == '"') {
                    int q = SipBytes.skipQuotedString(buf, p, end);
                    p = q < 0 ? end : q;
                    continue;
                }
                if (b == '<') {
                    inAngle = true;
                } else if (b == '>') {
                    inAngle = false;
                } else if (b == ',' && !inAngle) {
                    break;
                }
                p++;
            }
            pos = p < end ? p + 1 : end;
            int e = SipBytes.trimLwsEnd(buf, start, p);
            int s = SipBytes.skipLws(buf, start, e);
            if (e > s) {
                offset = s;
                length = e - s;
                return true;
            }
        }
        offset = SipMessage.ABSENT;
        length = 0;
        return false;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public String value() {
        return SipBytes.string(buf, offset, length);
    }
}
