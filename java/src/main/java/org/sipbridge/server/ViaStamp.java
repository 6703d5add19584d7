package org.sipbridge.server;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.Via;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a server writes into the top Via of a request it receives before forwarding it
 * (RFC 3261 18.2.1, RFC 3581 4), so that the replies find their way back to where the
 * request really came from: {@code ;received=<source IP>} when the sent-by host is not the
 * source address (or whenever the client asked for rport), and {@code rport=<source port>}
 * in place of a bare {@code rport}. Done with lumps on the message's view, as OpenSIPS does,
 * so it shows in what is sent and nowhere else; nothing is done (and nothing allocated) for
 * the usual request whose Via already names its source. Once per message, even if the
 * script forwards it several times. One per worker.
 */
final class ViaStamp {
    private static final byte[] RPORT = "rport".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] RECEIVED = ";received=".getBytes(StandardCharsets.US_ASCII);

    private final CoreCalls calls;
    private int stampedMessage = -1;
    /** Where a parameter is written before its pkg copy is made (reused: nothing allocated per message). */
    private final ByteBuffer text = ByteBuffer.allocateDirect(128);
    private final long address = io.netty.util.internal.PlatformDependent.directBufferAddress(text);

    ViaStamp(CoreCalls calls) {
        this.calls = calls;
    }

    /** Adds the parameters the parsed top Via of ctx's request needs; false when the lumps could not be added. */
    boolean apply(SipContext ctx, Via top) {
        if (stampedMessage == ctx.id()) {
            return true;
        }
        SipMessage m = ctx.message();
        ReceiveInfo rcv = ctx.receiveInfo();
        ByteBuffer buf = m.buffer();
        int rport = top.params().indexOf(RPORT);
        boolean bareRport = rport >= 0 && top.params().valueOffset(rport) < 0;
        boolean received = top.receivedOffset() < 0
                && (bareRport || !sameAddress(buf, top.hostOffset(), top.hostLength(), rcv.source().getAddress()));
        if (!received && !bareRport) {
            stampedMessage = ctx.id();
            return true;
        }
        long msg = ctx.nativeMessage();
        if (bareRport) {
            long del = calls.del_lump(msg, top.params().nameOffset(rport), top.params().nameLength(rport), 0);
            text.clear();
            text.put(RPORT).put((byte) '=');
            putDecimal(rcv.source().getPort());
            if (del == 0 || !insertAfter(del)) {
                return false;
            }
        }
        if (received) {
            long anchor = calls.anchor_lump(msg, top.valueOffset() + top.valueLength(), 0, 0);
            if (anchor == 0 || !insertAfter(anchor, rcv.source().getAddress())) {
                return false;
            }
        }
        stampedMessage = ctx.id();
        return true;
    }

    /** ;received=&lt;a&gt; after lump (IPv4 written without allocating; IPv6 through its text). */
    private boolean insertAfter(long lump, InetAddress a) {
        text.clear();
        text.put(RECEIVED);
        if (a instanceof Inet4Address) {
            int v = a.hashCode(); // the address itself, big-endian
            for (int shift = 24; shift >= 0; shift -= 8) {
                putDecimal((v >>> shift) & 0xff);
                if (shift > 0) {
                    text.put((byte) '.');
                }
            }
        } else {
            text.put(bare(a).getBytes(StandardCharsets.US_ASCII));
        }
        return insertAfter(lump);
    }

    /** The bytes written into text since its clear(), as a pkg copy inserted after lump. */
    private boolean insertAfter(long lump) {
        int n = text.position();
        long copy = calls.sb_pkg_memdup(0, address, n);
        if (copy == 0) {
            return false;
        }
        if (calls.insert_new_lump_after(lump, copy, n, 0) == 0) {
            calls.sb_pkg_free(copy);
            return false;
        }
        return true;
    }

    private void putDecimal(int v) {
        if (v >= 10) {
            putDecimal(v / 10);
        }
        text.put((byte) ('0' + v % 10));
    }

    private static String bare(InetAddress a) {
        String t = a.getHostAddress();
        int zone = t.indexOf('%');
        return zone < 0 ? t : t.substring(0, zone);
    }

    /** True when host [off, off+len) is the textual form of a (IPv4 compared without allocating). */
    static boolean sameAddress(ByteBuffer buf, int off, int len, InetAddress a) {
        if (a instanceof Inet4Address) {
            int want = a.hashCode(); // the address itself, big-endian
            int value = 0;
            int octets = 0;
            int digits = 0;
            int octet = 0;
            for (int i = off; i < off + len; i++) {
                int c = buf.get(i);
                if (c >= '0' && c <= '9') {
                    octet = octet * 10 + (c - '0');
                    if (++digits > 3 || octet > 255) {
                        return false;
                    }
                } else if (c == '.' && digits > 0 && octets < 3) {
                    value = (value << 8) | octet;
                    octets++;
                    digits = 0;
                    octet = 0;
                } else {
                    return false;
                }
            }
            return octets == 3 && digits > 0 && ((value << 8) | octet) == want;
        }
        byte[] b = new byte[len];
        buf.get(off, b, 0, len);
        String host = new String(b, StandardCharsets.ISO_8859_1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.indexOf(':') < 0) {
            return false; // a name (never looked up here) or IPv4 text for an IPv6 source
        }
        try {
            return InetAddress.getByName(host).equals(a); // an IPv6 literal: no lookup
        } catch (java.net.UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
