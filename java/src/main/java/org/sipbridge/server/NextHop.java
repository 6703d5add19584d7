package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.server.transport.SipSender;
import org.sipbridge.sip.SipBytes;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipUri;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a message goes: a transport and a resolved address, worked out from a SIP URI (the
 * Request-URI, $du, forward's argument), from {@code [proto:]host[:port]}, or from a Via's
 * host and port. One per worker, reused: the last successful {@link #proto()} and
 * {@link #address()} stay valid until the next call. On failure {@link #problem()} says why.
 *
 * <p>URIs: sip: defaults to UDP and port 5060; {@code ;transport=} picks the transport
 * (udp and tcp are served, others are refused); {@code maddr} replaces the host; sips: and
 * tls are refused (no TLS listener exists). Names are resolved with the system resolver
 * (A/AAAA records, no SRV/NAPTR), through the transport's cache and a small per-worker
 * cache of the last hosts, so a steady route resolves nothing per message.
 */
final class NextHop {
    private static final byte[] SIP = "sip:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIPS = "sips:".getBytes(StandardCharsets.US_ASCII);

    private final HostCache hosts;
    private final SipUri uri = new SipUri();
    /** Text destinations are copied here (as ASCII) so the byte parsers can read them. */
    private final ByteBuffer text = ByteBuffer.allocate(2048);

    private Proto proto;
    private InetSocketAddress address;
    private String problem;

    NextHop(SipSender sender) {
        this.hosts = new HostCache(sender);
    }

    Proto proto() {
        return proto;
    }

    InetSocketAddress address() {
        return address;
    }

    /** Why the last call returned false (for a log line). */
    String problem() {
        return problem;
    }

    /** A SIP or SIPS URI at [off, off+len) of buf. */
    boolean fromUri(ByteBuffer buf, int off, int len) {
        SipError e = uri.parse(buf, off, len);
        if (e != SipError.NONE) {
            return fail("malformed URI " + quote(buf, off, len) + " (" + e.reason() + ")");
        }
        if (uri.scheme() == SipUri.Scheme.SIPS) {
            return fail("cannot forward to " + quote(buf, off, len) + ": sips needs TLS, which this server does not serve");
        }
        if (uri.scheme() != SipUri.Scheme.SIP) {
            return fail("cannot forward to " + quote(buf, off, len) + ": not a sip: URI");
        }
        Proto p = Proto.UDP;
        int t = uri.transportParam();
        if (t >= 0) {
            int vo = uri.params().valueOffset(t);
            p = vo < 0 ? null : transport(buf, vo, uri.params().valueLength(t));
            if (p == null) {
                return fail("cannot forward to " + quote(buf, off, len) + ": unsupported transport");
            }
        }
        int port = uri.port() >= 0 ? uri.port() : OwnAddresses.SIP_PORT;
        int m = uri.maddrParam();
        if (m >= 0 && uri.params().valueOffset(m) >= 0) {
            return resolve(p, buf, uri.params().valueOffset(m), uri.params().valueLength(m), port);
        }
        return resolve(p, buf, uri.hostOffset(), uri.hostLength(), port);
    }

    /** A SIP URI or {@code [proto:]host[:port]} given as text ($du, forward's argument, new_uri). */
    boolean fromText(String destination) {
        int n = destination.length();
        if (n > text.capacity()) {
            return fail("destination longer than " + text.capacity() + " characters");
        }
        for (int i = 0; i < n; i++) {
            char c = destination.charAt(i);
            text.put(i, c < 0x80 ? (byte) c : (byte) '?');
        }
        if (startsWith(text, n, SIP) || startsWith(text, n, SIPS) || isOtherUri(text, n)) {
            return fromUri(text, 0, n);
        }
        return fromHostPort(text, 0, n);
    }

    /**
     * {@code tel:+1555...}, {@code mailto:...}: a scheme (letters only, not a transport name)
     * and a colon not followed by a port number. Such URIs are refused with their scheme named.
     */
    /** text[0, len) starts with lower, ignoring ASCII case. */
    private static boolean startsWith(ByteBuffer text, int len, byte[] lower) {
        return len >= lower.length && SipBytes.equalsIgnoreCase(text, 0, lower.length, lower);
    }

    private static boolean isOtherUri(ByteBuffer b, int len) {
        int colon = indexOf(b, 0, len, ':');
        if (colon <= 0 || colon + 1 >= len || transport(b, 0, colon) != null) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            int c = b.get(i) | 0x20;
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        int next = b.get(colon + 1);
        return next < '0' || next > '9';
    }

    /** {@code [proto:]host[:port]}, host an IPv6 reference in brackets or a name/IPv4 address. */
    private boolean fromHostPort(ByteBuffer b, int off, int len) {
        int end = off + len;
        Proto p = Proto.UDP;
        int colon = indexOf(b, off, end, ':');
        if (colon > off && b.get(off) != '[') {
            Proto named = transport(b, off, colon - off);
            if (named != null && colon + 1 < end) {
                p = named;
                off = colon + 1;
            }
        }
        int hostEnd;
        int port = OwnAddresses.SIP_PORT;
        if (off < end && b.get(off) == '[') {
            int close = indexOf(b, off, end, ']');
            if (close < 0) {
                return fail("malformed destination " + quote(b, off, len));
            }
            hostEnd = close + 1;
        } else {
            int c = indexOf(b, off, end, ':');
            hostEnd = c < 0 ? end : c;
        }
        if (hostEnd < end) {
            if (b.get(hostEnd) != ':' || (port = digits(b, hostEnd + 1, end)) < 0) {
                return fail("malformed destination port in " + quote(b, off, end - off));
            }
        }
        if (hostEnd == off) {
            return fail("destination without a host");
        }
        return resolve(p, b, off, hostEnd - off, port);
    }

    /** A Via's next hop: host (received or sent-by) at [off, off+len), the port and the transport token. */
    boolean fromVia(ByteBuffer buf, int transportOff, int transportLen, int hostOff, int hostLen, int port) {
        Proto p = transport(buf, transportOff, transportLen);
        if (p == null) {
            return fail("unsupported Via transport " + quote(buf, transportOff, transportLen));
        }
        return resolve(p, buf, hostOff, hostLen, port >= 0 ? port : OwnAddresses.SIP_PORT);
    }

    private boolean resolve(Proto p, ByteBuffer buf, int off, int len, int port) {
        if (port <= 0 || port > 65535) {
            return fail("port " + port + " out of range");
        }
        InetSocketAddress a = hosts.resolve(buf, off, len, port);
        if (a == null) {
            return fail("host " + quote(buf, off, len) + " does not resolve");
        }
        proto = p;
        address = a;
        problem = null;
        return true;
    }

    private boolean fail(String why) {
        problem = why;
        return false;
    }

    /** udp, tcp (case-insensitive); null for anything else (tls, sctp, ws are not served). */
    static Proto transport(ByteBuffer b, int off, int len) {
        if (len != 3) {
            return null;
        }
        int c0 = b.get(off) | 0x20, c1 = b.get(off + 1) | 0x20, c2 = b.get(off + 2) | 0x20;
        if (c0 == 'u' && c1 == 'd' && c2 == 'p') {
            return Proto.UDP;
        }
        if (c0 == 't' && c1 == 'c' && c2 == 'p') {
            return Proto.TCP;
        }
        return null;
    }

    private static int digits(ByteBuffer b, int off, int end) {
        if (off >= end || end - off > 5) {
            return -1;
        }
        int v = 0;
        for (int i = off; i < end; i++) {
            int d = b.get(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int indexOf(ByteBuffer b, int off, int end, int c) {
        for (int i = off; i < end; i++) {
            if (b.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static String quote(ByteBuffer b, int off, int len) {
        int shown = Math.min(len, 200);
        return "<" + org.sipbridge.core.LogSafe.bytes(b, off, shown) + (len > shown ? "...>" : ">");
    }
}
