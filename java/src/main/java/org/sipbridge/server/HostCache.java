package org.sipbridge.server;

import org.sipbridge.server.transport.SipSender;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The last destinations one worker resolved, so a route that forwards to the same few hosts
 * neither builds strings nor allocates addresses per message: a small direct-mapped table
 * keyed by the host's bytes and the port. IP literals are kept until evicted; names for a few
 * seconds, then asked again from the transport's resolver (which has its own TTLs). Not
 * thread-safe: one per worker.
 */
final class HostCache {
    private static final int SLOTS = 64; // power of two
    private static final int MAX_HOST = 255;
    private static final long NAME_TTL_NANOS = 5_000_000_000L;
    private static final long NEGATIVE_TTL_NANOS = 1_000_000_000L;

    private final SipSender sender;
    private final byte[][] hosts = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private final int[] ports = new int[SLOTS];
    private final InetSocketAddress[] addresses = new InetSocketAddress[SLOTS];
    private final long[] expires = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];

    HostCache(SipSender sender) {
        this.sender = sender;
    }

    /** The address of host [off, off+len) (brackets allowed around IPv6) and port; null when it does not resolve. */
    InetSocketAddress resolve(ByteBuffer buf, int off, int len, int port) {
        if (len <= 0 || len > MAX_HOST) {
            return null;
        }
        int h = port;
        for (int i = off; i < off + len; i++) {
            int c = buf.get(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        long now = System.nanoTime();
        if (used[slot] && ports[slot] == port && sameHost(slot, buf, off, len) && now - expires[slot] < 0) {
            return addresses[slot];
        }
        byte[] copy = hosts[slot];
        if (copy == null) {
            copy = hosts[slot] = new byte[MAX_HOST];
        }
        buf.get(off, copy, 0, len);
        String name = new String(copy, 0, len, StandardCharsets.ISO_8859_1);
        InetSocketAddress a = sender.resolve(name, port);
        lengths[slot] = len;
        ports[slot] = port;
        addresses[slot] = a;
        used[slot] = true;
        expires[slot] = now + (a == null ? NEGATIVE_TTL_NANOS : isLiteral(copy, len) ? Long.MAX_VALUE / 4 : NAME_TTL_NANOS);
        return a;
    }

    private boolean sameHost(int slot, ByteBuffer buf, int off, int len) {
        if (lengths[slot] != len) {
            return false;
        }
        byte[] h = hosts[slot];
        for (int i = 0; i < len; i++) {
            int a = h[i], b = buf.get(off + i);
            if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z')) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 literal or a bracketed IPv6 reference: its address never changes. */
    private static boolean isLiteral(byte[] h, int len) {
        if (h[0] == '[') {
            return true;
        }
        for (int i = 0; i < len; i++) {
            if ((h[i] < '0' || h[i] > '9') && h[i] != '.') {
                return false;
            }
        }
        return true;
    }
}
