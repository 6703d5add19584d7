package org.sipbridge.sip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte-range helpers shared by the parsers. Everything reads with absolute {@code get(int)} so
 * the buffer's position and limit are never touched (the buffer may be shared with C code).
 * Methods returning {@code String} allocate and are meant for tests, logs and cold paths.
 */
public final class SipBytes {
    private SipBytes() {
    }

    /** The bytes as a string (UTF-8, malformed sequences replaced); "" for a negative length. */
    public static String string(ByteBuffer buf, int off, int len) {
        if (len <= 0) {
            return "";
        }
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) {
            bytes[i] = buf.get(off + i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes with %HH escapes decoded (as in RFC 3261 URI components), as UTF-8 text. */
    public static String unescape(ByteBuffer buf, int off, int len) {
        if (len <= 0) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        int end = off + len;
        for (int p = off; p < end; p++) {
            int b = buf.get(p);
            if (b == '%' && p + 2 < end && CharClass.isHex(buf.get(p + 1)) && CharClass.isHex(buf.get(p + 2))) {
                out.write(CharClass.hexValue(buf.get(p + 1)) << 4 | CharClass.hexValue(buf.get(p + 2)));
                p += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Case-insensitive ASCII comparison of a byte range with {@code lower}, which must be
     * lower-case letters, digits or punctuation.
     */
    public static boolean equalsIgnoreCase(ByteBuffer buf, int off, int len, byte[] lower) {
        return len == lower.length && equalsIgnoreCase(buf, off, len, lower, 0);
    }

    /** Compares [off, off+len) with lower[from, from+len). */
    static boolean equalsIgnoreCase(ByteBuffer buf, int off, int len, byte[] lower, int from) {
        for (int i = 0; i < len; i++) {
            int c = buf.get(off + i);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower[from + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Like {@link #equalsIgnoreCase} but decodes %HH escapes in the range first, as RFC 3261
     * 19.1.4 requires when comparing URI parameter names ({@code %6C%72} equals {@code lr}).
     */
    static boolean equalsIgnoreCaseUnescaped(ByteBuffer buf, int off, int len, byte[] lower) {
        int end = off + len;
        int i = 0;
        for (int p = off; p < end; p++, i++) {
            if (i >= lower.length) {
                return false;
            }
            int c = buf.get(p);
            if (c == '%' && p + 2 < end && CharClass.isHex(buf.get(p + 1)) && CharClass.isHex(buf.get(p + 2))) {
                c = CharClass.hexValue(buf.get(p + 1)) << 4 | CharClass.hexValue(buf.get(p + 2));
                p += 2;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower[i]) {
                return false;
            }
        }
        return i == lower.length;
    }

    /** End of a run of chars in {@code classes} or %HH escapes; -1 on a broken escape. */
    static int skipEscapedOr(ByteBuffer buf, int p, int end, int classes) {
        while (p < end) {
            byte b = buf.get(p);
            if (b == '%') {
                if (p + 2 >= end || !CharClass.isHex(buf.get(p + 1)) || !CharClass.isHex(buf.get(p + 2))) {
                    return -1;
                }
                p += 3;
            } else if (CharClass.is(b, classes)) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    /**
     * End of the host (hostname / IPv4address / IPv6reference) starting at p, or -1 when there is
     * none. Inside brackets only hex digits, ':' and '.' are checked, not the IPv6 grammar, which
     * also admits the three-colon form of RFC 5118 4.10 (tolerated, as that section allows).
     */
    static int skipHost(ByteBuffer buf, int p, int end) {
        if (p < end && buf.get(p) == '[') {
            int close = indexOf(buf, p + 1, end, ']');
            if (close < p + 3) {
                return -1;
            }
            boolean colon = false;
            for (int q = p + 1; q < close; q++) {
                byte b = buf.get(q);
                colon |= b == ':';
                if (!CharClass.isHex(b) && b != ':' && b != '.') {
                    return -1;
                }
            }
            return colon ? close + 1 : -1;
        }
        int q = p;
        while (q < end && CharClass.is(buf.get(q), CharClass.HOST)) {
            q++;
        }
        return q > p ? q : -1;
    }

    /** Exact (case-sensitive) comparison of two byte ranges, possibly of different buffers. */
    public static boolean rangeEquals(ByteBuffer a, int offA, int lenA, ByteBuffer b, int offB, int lenB) {
        if (lenA != lenB) {
            return false;
        }
        for (int i = 0; i < lenA; i++) {
            if (a.get(offA + i) != b.get(offB + i)) {
                return false;
            }
        }
        return true;
    }

    /** First index in [p, end) that is not SP, HTAB, CR or LF (folding inside a value). */
    static int skipLws(ByteBuffer buf, int p, int end) {
        while (p < end && CharClass.isLws(buf.get(p))) {
            p++;
        }
        return p;
    }

    /** Smallest e in [start, end] such that [e, end) is all LWS. */
    static int trimLwsEnd(ByteBuffer buf, int start, int end) {
        while (end > start && CharClass.isLws(buf.get(end - 1))) {
            end--;
        }
        return end;
    }

    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long CRS = '\r' * ONES;
    private static final long LFS = '\n' * ONES;

    /**
     * 0x80 in every byte of x that is zero, possibly also in bytes more significant than a zero
     * byte (borrow), never in less significant ones: the lowest flag is exact.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The 8 bytes at p with the byte at p least significant, whatever the buffer's order. */
    private static long wordAt(ByteBuffer buf, int p, boolean bigEndian) {
        long w = buf.getLong(p);
        return bigEndian ? Long.reverseBytes(w) : w;
    }

    /**
     * First index in [p, end) holding {@code b}, or -1. Reads 8 bytes per step (one bounds-checked
     * buffer access instead of eight) and locates the match inside the word arithmetically.
     */
    static int indexOf(ByteBuffer buf, int p, int end, int b) {
        long pattern = (b & 0xFFL) * ONES;
        boolean bigEndian = buf.order() == ByteOrder.BIG_ENDIAN;
        for (; p + 8 <= end; p += 8) {
            long m = zeroBytes(wordAt(buf, p, bigEndian) ^ pattern);
            if (m != 0) {
                return p + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; p < end; p++) {
            if (buf.get(p) == (byte) b) {
                return p;
            }
        }
        return -1;
    }

    /** First index in [p, end) holding CR or LF, or -1 (word-at-a-time like {@link #indexOf}). */
    static int indexOfCrOrLf(ByteBuffer buf, int p, int end) {
        boolean bigEndian = buf.order() == ByteOrder.BIG_ENDIAN;
        for (; p + 8 <= end; p += 8) {
            long w = wordAt(buf, p, bigEndian);
            long m = zeroBytes(w ^ CRS) | zeroBytes(w ^ LFS);
            if (m != 0) {
                return p + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; p < end; p++) {
            byte c = buf.get(p);
            if (c == '\r' || c == '\n') {
                return p;
            }
        }
        return -1;
    }

    /**
     * Index just past the quoted-string whose opening quote is at p, or -1 when it is not
     * terminated before end. A backslash escapes the next byte (quoted-pair).
     */
    static int skipQuotedString(ByteBuffer buf, int p, int end) {
        for (int q = p + 1; q < end; q++) {
            byte b = buf.get(q);
            if (b == '"') {
                return q + 1;
            }
            if (b == '\\') {
                q++;
            }
        }
        return -1;
    }

    /** 32-bit FNV-1a hash of a byte range. */
    public static int fnv1a(ByteBuffer buf, int off, int len) {
        int h = 0x811C9DC5;
        int end = off + len;
        for (int p = off; p < end; p++) {
            h ^= buf.get(p) & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    /** ASCII bytes of a constant, lower-cased: used to build match tables at class init. */
    static byte[] lowerAscii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Character.toLowerCase(s.charAt(i));
        }
        return b;
    }
}
