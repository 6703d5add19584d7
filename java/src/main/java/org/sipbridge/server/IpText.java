package org.sipbridge.server;

import io.netty.util.NetUtil;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Whether host text from a message is an IP address literal: IPv4 dotted decimal (four
 * octets of at most 255), or IPv6 with or without brackets. The reply path sends only to
 * such literals: a name taken from a received reply is never looked up (a peer could make
 * the server query any name it likes, and wait for the answer on a worker).
 */
final class IpText {
    private IpText() {
    }

    /** True for an IPv4 or IPv6 literal at [off, off+len); IPv4 is checked without allocating. */
    static boolean isLiteral(ByteBuffer buf, int off, int len) {
        if (len <= 0 || len > 64) {
            return false;
        }
        if (isIpv4(buf, off, len)) {
            return true;
        }
        int from = off, to = off + len;
        if (buf.get(off) == '[') {
            if (len < 3 || buf.get(to - 1) != ']') {
                return false;
            }
            from++;
            to--;
        }
        boolean colon = false;
        for (int i = from; i < to; i++) {
            int c = buf.get(i);
            if (c == ':') {
                colon = true;
            } else if (!(c >= '0' && c <= '9' || (c | 0x20) >= 'a' && (c | 0x20) <= 'f' || c == '.')) {
                return false;
            }
        }
        if (!colon) {
            return false;
        }
        byte[] b = new byte[to - from];
        buf.get(from, b, 0, b.length);
        return NetUtil.isValidIpV6Address(new String(b, StandardCharsets.ISO_8859_1));
    }

    private static boolean isIpv4(ByteBuffer buf, int off, int len) {
        int octets = 0, digits = 0, value = 0;
        for (int i = off; i < off + len; i++) {
            int c = buf.get(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && octets < 3) {
                octets++;
                digits = 0;
                value = 0;
            } else {
                return false;
            }
        }
        return octets == 3 && digits > 0;
    }
}
