package org.sipbridge.server;

import java.nio.ByteBuffer;

/**
 * A 64-bit hash over byte ranges, fed piece by piece without allocating: FNV-1a over the
 * bytes (with a separator between pieces, so "ab"+"c" and "a"+"bc" differ) and a final
 * avalanche step, so that every bit of the result depends on every input byte. Not a
 * cryptographic hash: branch IDs and To-tags only need to differ between transactions and
 * be stable for retransmissions (also across restarts).
 */
final class Hash64 {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private long h = OFFSET;

    Hash64 reset(long seed) {
        h = OFFSET ^ seed;
        return this;
    }

    Hash64 add(ByteBuffer buf, int off, int len) {
        long x = h;
        for (int i = off, end = off + len; i < end; i++) {
            x = (x ^ (buf.get(i) & 0xff)) * PRIME;
        }
        h = (x ^ 0x1f) * PRIME; // piece separator
        return this;
    }

    Hash64 add(byte[] b, int off, int len) {
        long x = h;
        for (int i = off, end = off + len; i < end; i++) {
            x = (x ^ (b[i] & 0xff)) * PRIME;
        }
        h = (x ^ 0x1f) * PRIME;
        return this;
    }

    Hash64 add(long v) {
        long x = h;
        for (int i = 0; i < 8; i++) {
            x = (x ^ ((v >>> (8 * i)) & 0xff)) * PRIME;
        }
        h = (x ^ 0x1f) * PRIME;
        return this;
    }

    /** The hash, avalanched (the splitmix64 finalizer). */
    long value() {
        long z = h;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Writes v as 16 lower-case hex digits at out[off..off+16); returns off + 16. */
    static int hex16(long v, byte[] out, int off) {
        for (int i = 15; i >= 0; i--) {
            out[off + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        return off + 16;
    }

    /** Writes the low 32 bits of v as 8 hex digits; returns off + 8. */
    static int hex8(long v, byte[] out, int off) {
        for (int i = 7; i >= 0; i--) {
            out[off + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        return off + 8;
    }
}
