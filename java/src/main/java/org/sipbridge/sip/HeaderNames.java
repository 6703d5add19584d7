package org.sipbridge.sip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a header name in the message bytes to its {@link HeaderType} without creating a String:
 * compact forms through a 26-entry table, full names through buckets keyed by (length, first
 * letter), each holding one or two candidates compared case-insensitively, eight bytes per read.
 */
public final class HeaderNames {
    private static final int MAX_NAME = 32;
    private static final HeaderType[] COMPACT = new HeaderType[26];
    private static final HeaderType[][] BUCKETS = new HeaderType[(MAX_NAME + 1) * 26][];
    private static final byte[][] LOWER_NAMES = new byte[HeaderType.count()][];
    /** Per name, per 8-byte chunk (big-endian, zero-padded): the lower-case bytes... */
    private static final long[][] NAME_WORDS = new long[HeaderType.count()][];
    /** ...and 0x20 at each letter position, so OR-ing it in folds case for letters only. */
    private static final long[][] CASE_WORDS = new long[HeaderType.count()][];

    static {
        List<List<HeaderType>> buckets = new ArrayList<>();
        for (int i = 0; i < BUCKETS.length; i++) {
            buckets.add(new ArrayList<>());
        }
        for (HeaderType t : HeaderType.values()) {
            if (t.canonicalName() == null) {
                continue;
            }
            byte[] lower = SipBytes.lowerAscii(t.canonicalName());
            LOWER_NAMES[t.ordinal()] = lower;
            NAME_WORDS[t.ordinal()] = new long[(lower.length + 7) / 8];
            CASE_WORDS[t.ordinal()] = new long[(lower.length + 7) / 8];
            for (int i = 0; i < lower.length; i++) {
                int shift = 8 * (7 - (i & 7));
                NAME_WORDS[t.ordinal()][i >> 3] |= (lower[i] & 0xFFL) << shift;
                if (lower[i] >= 'a' && lower[i] <= 'z') {
                    CASE_WORDS[t.ordinal()][i >> 3] |= 0x20L << shift;
                }
            }
            buckets.get(key(lower.length, lower[0])).add(t);
            if (t.compactForm() != 0) {
                COMPACT[t.compactForm() - 'a'] = t;
            }
        }
        for (int i = 0; i < BUCKETS.length; i++) {
            if (!buckets.get(i).isEmpty()) {
                BUCKETS[i] = buckets.get(i).toArray(new HeaderType[0]);
            }
        }
    }

    private HeaderNames() {
    }

    private static int key(int len, int lowerFirst) {
        return len * 26 + (lowerFirst - 'a');
    }

    /** Type of the header named by [off, off+len); {@link HeaderType#OTHER} when unknown. */
    public static HeaderType lookup(ByteBuffer buf, int off, int len) {
        if (len <= 0 || len > MAX_NAME) {
            return HeaderType.OTHER;
        }
        int first = buf.get(off) | 0x20;
        if (first < 'a' || first > 'z') {
            return HeaderType.OTHER;
        }
        if (len == 1) {
            HeaderType t = COMPACT[first - 'a'];
            return t == null ? HeaderType.OTHER : t;
        }
        HeaderType[] candidates = BUCKETS[key(len, first)];
        if (candidates == null) {
            return HeaderType.OTHER;
        }
        for (HeaderType t : candidates) {
            if (nameEquals(buf, off, len, t.ordinal())) {
                return t;
            }
        }
        return HeaderType.OTHER;
    }

    /**
     * Case-insensitive comparison with the name of type {@code ordinal}, which has length len.
     * Exact for any bytes: letters compare with bit 0x20 folded, '-' compares as is.
     */
    private static boolean nameEquals(ByteBuffer buf, int off, int len, int ordinal) {
        long[] names = NAME_WORDS[ordinal];
        long[] cases = CASE_WORDS[ordinal];
        boolean bigEndian = buf.order() == ByteOrder.BIG_ENDIAN;
        int limit = buf.limit();
        for (int i = 0; i < len; i += 8) {
            if (off + i + 8 > limit) {
                return SipBytes.equalsIgnoreCase(buf, off + i, len - i, LOWER_NAMES[ordinal], i);
            }
            long w = buf.getLong(off + i);
            if (!bigEndian) {
                w = Long.reverseBytes(w);
            }
            int rest = len - i;
            if (rest < 8) {
                w &= -1L << (8 * (8 - rest)); // drop the bytes after the name
            }
            if ((w | cases[i >> 3]) != names[i >> 3]) {
                return false;
            }
        }
        return true;
    }

    /** True when [off, off+len) names {@code type} in full or compact form. */
    public static boolean is(HeaderType type, ByteBuffer buf, int off, int len) {
        return lookup(buf, off, len) == type;
    }
}
