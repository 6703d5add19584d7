package org.sipbridge.sip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a header name in the message bytes to its {@link HeaderType} without creating a String:
 * compact forms through a 26-entry table, full names through buckets keyed by (length, first
 * letter), each holding one or two candidates compared case-insensitively.
 */
public final class HeaderNames {
    private static final int MAX_NAME = 32;
    private static final HeaderType[] COMPACT = new HeaderType[26];
    private static final HeaderType[][] BUCKETS = new HeaderType[(MAX_NAME + 1) * 26][];
    private static final byte[][] LOWER_NAMES = new byte[HeaderType.count()][];

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
            if (SipBytes.equalsIgnoreCase(buf, off, len, LOWER_NAMES[t.ordinal()])) {
                return t;
            }
        }
        return HeaderType.OTHER;
    }

    /** True when [off, off+len) names {@code type} in full or compact form. */
    public static boolean is(HeaderType type, ByteBuffer buf, int off, int len) {
        return lookup(buf, off, len) == type;
    }
}
