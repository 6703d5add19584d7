package org.sipbridge.script.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One script value, OpenSIPS's pv_value_t in Java: null, a byte string, an integer, or an
 * integer with its decimal string form. Mutable and reused: the engine keeps a pool of them
 * per worker, so evaluating a pseudo-variable or an expression does not allocate.
 *
 * <p>The string is {@code src[off, off+len)}. {@code src} is either this value's own buffer
 * (grown on demand and kept) or a shared read-only array (a script constant), which is why
 * writers go through {@link #own(int)} first.
 */
public final class Value {
    /** Flag values as in pvar.h, so they cross to C unchanged. */
    public static final int NULL = 1, STR = 4, INT = 8, TYPE_INT = 16;

    private int flags = NULL;
    private int ri;
    private byte[] own = new byte[64];
    private byte[] src = own;
    private int off;
    private int len;

    public int flags() {
        return flags;
    }

    public boolean isNull() {
        return (flags & NULL) != 0;
    }

    public boolean hasString() {
        return (flags & STR) != 0;
    }

    public boolean hasInt() {
        return (flags & INT) != 0;
    }

    /** True for values that are integers first (arithmetic applies), as PV_TYPE_INT. */
    public boolean isIntTyped() {
        return (flags & TYPE_INT) != 0;
    }

    public int intValue() {
        return ri;
    }

    public byte[] bytes() {
        return src;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public byte byteAt(int i) {
        return src[off + i];
    }

    // ---- setters ---------------------------------------------------------------------------

    public Value setNull() {
        flags = NULL;
        ri = 0;
        src = own;
        off = 0;
        len = 0;
        return this;
    }

    /** An integer, with its decimal form written into the own buffer (no allocation). */
    public Value setInt(int v) {
        byte[] b = own(11);
        int p = 11;
        long x = v;
        boolean negative = x < 0;
        if (negative) {
            x = -x;
        }
        do {
            b[--p] = (byte) ('0' + (x % 10));
            x /= 10;
        } while (x != 0);
        if (negative) {
            b[--p] = '-';
        }
        System.arraycopy(b, p, b, 0, 11 - p);
        flags = STR | INT | TYPE_INT;
        ri = v;
        src = own;
        off = 0;
        len = 11 - p;
        return this;
    }

    /** Shares a read-only byte range (a constant). */
    public Value setShared(byte[] bytes, int offset, int length) {
        flags = STR;
        ri = 0;
        src = bytes;
        off = offset;
        len = length;
        return this;
    }

    /** Shares a constant that is also an integer (a numeric string literal keeps STR only). */
    public Value setSharedInt(byte[] bytes, int value) {
        setShared(bytes, 0, bytes.length);
        flags = STR | INT | TYPE_INT;
        ri = value;
        return this;
    }

    /** Copies a range of the message (or any buffer) into the own buffer. */
    public Value copyOf(ByteBuffer buf, int offset, int length) {
        byte[] b = own(length);
        buf.get(offset, b, 0, length);
        flags = STR;
        ri = 0;
        src = own;
        off = 0;
        len = length;
        return this;
    }

    /** A deep copy: this value no longer depends on other's buffer. */
    public Value copyOf(Value other) {
        if (other == this) {
            return this;
        }
        if (other.isNull()) {
            return setNull();
        }
        byte[] b = own(other.len);
        System.arraycopy(other.src, other.off, b, 0, other.len);
        flags = other.flags;
        ri = other.ri;
        src = own;
        off = 0;
        len = other.len;
        return this;
    }

    /** A Java string (UTF-8); ASCII is copied without allocating. */
    public Value setString(String s) {
        if (s == null) {
            return setNull();
        }
        int n = s.length();
        byte[] b = own(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                b = own(utf8.length);
                System.arraycopy(utf8, 0, b, 0, utf8.length);
                n = utf8.length;
                break;
            }
            b[i] = (byte) c;
        }
        flags = STR;
        ri = 0;
        src = own;
        off = 0;
        len = n;
        return this;
    }

    /** Starts an empty string to {@link #append} to. */
    public Value clearString() {
        flags = STR;
        ri = 0;
        src = own;
        off = 0;
        len = 0;
        return this;
    }

    /** Appends the string form of other (nothing for null); the result is a string. */
    public Value append(Value other) {
        if (other.isNull()) {
            return this;
        }
        return append(other.src, other.off, other.len);
    }

    public Value append(byte[] bytes, int offset, int length) {
        if (src != own) {
            // a shared constant: move it into the own buffer before writing after it
            byte[] b = own(len + length);
            System.arraycopy(src, off, b, 0, len);
            src = own;
            off = 0;
        } else if (off != 0) {
            System.arraycopy(own, off, own, 0, len);
            off = 0;
        }
        byte[] b = grow(len + length);
        System.arraycopy(bytes, offset, b, len, length);
        len += length;
        flags = STR;
        ri = 0;
        return this;
    }

    public Value append(ByteBuffer buf, int offset, int length) {
        if (src != own || off != 0) {
            append(own, 0, 0);
        }
        byte[] b = grow(len + length);
        buf.get(offset, b, len, length);
        len += length;
        flags = STR;
        ri = 0;
        return this;
    }

    private static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** The integer value, or the string form read as a decimal integer, or fallback. */
    public int parsedInt(int fallback) {
        if (hasInt()) {
            return ri;
        }
        long v = parseDecimal();
        return v == NOT_A_NUMBER ? fallback : (int) v;
    }

    /** True for integers and for strings that are a decimal integer (e.g. a header value). */
    public boolean isNumeric() {
        return hasInt() || (!isNull() && parseDecimal() != NOT_A_NUMBER);
    }

    private long parseDecimal() {
        int i = 0;
        boolean negative = false;
        if (len > 0 && (src[off] == '-' || src[off] == '+')) {
            negative = src[off] == '-';
            i = 1;
        }
        if (i >= len || len - i > 10) {
            return NOT_A_NUMBER;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = src[off + i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_NUMBER;
            }
            v = v * 10 + d;
        }
        v = negative ? -v : v;
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? NOT_A_NUMBER : v;
    }

    // ---- comparisons -----------------------------------------------------------------------

    /** ASCII case-insensitive equality of the string forms (OpenSIPS compares with strncasecmp). */
    public boolean equalsIgnoreCase(byte[] other, int otherOff, int otherLen) {
        if (len != otherLen) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lower(src[off + i]) != lower(other[otherOff + i])) {
                return false;
            }
        }
        return true;
    }

    public boolean equalsIgnoreCase(Value other) {
        return equalsIgnoreCase(other.src, other.off, other.len);
    }

    /** ASCII case-insensitive ordering of the string forms. */
    public int compareIgnoreCase(Value other) {
        int n = Math.min(len, other.len);
        for (int i = 0; i < n; i++) {
            int d = lower(src[off + i]) - lower(other.src[other.off + i]);
            if (d != 0) {
                return d;
            }
        }
        return len - other.len;
    }

    static int lower(byte b) {
        int c = b & 0xff;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    // ---- conversions (allocate) -------------------------------------------------------------

    /** The string form as a Java string, or null for null. */
    public String asString() {
        return isNull() ? null : new String(src, off, len, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return isNull() ? "<null>" : asString();
    }

    // ---- buffer management -----------------------------------------------------------------

    /** The own buffer with room for n bytes; its content is not kept. */
    private byte[] own(int n) {
        if (own.length < n) {
            own = new byte[Math.max(n, own.length * 2)];
        }
        return own;
    }

    /** The own buffer with room for n bytes, keeping the first len bytes. */
    private byte[] grow(int n) {
        if (own.length < n) {
            byte[] b = new byte[Math.max(n, own.length * 2)];
            System.arraycopy(own, 0, b, 0, len);
            own = b;
            src = own;
        }
        return own;
    }
}
