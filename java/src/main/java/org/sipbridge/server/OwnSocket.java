package org.sipbridge.server;

import io.netty.util.NetUtil;
import org.sipbridge.bridge.MessageSlot;
import org.sipbridge.core.Proto;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One listening socket as the server shows itself through it: the address its Via names
 * (sent-by), the start of that Via line, and the send info the native builders use for
 * lumps that name the sending socket. Everything is encoded once at start.
 */
final class OwnSocket {
    final Proto proto;
    /** The address the socket is bound to (the real port when the configuration said 0). */
    final InetSocketAddress bound;
    /** The host other elements reach us at: the bound IP, or an interface address for a wildcard bind. */
    final InetAddress advertised;
    /** sent-by host as written in a Via: lower case, IPv6 in brackets. */
    final byte[] host;
    final int port;
    /** {@code Via: SIP/2.0/UDP host:port;branch=} */
    final byte[] viaPrefix;
    final byte[] sendInfo;
    /** The sent-by of our Via when configured (listen ... as, advertised_address/_port), else host/port. */
    final byte[] viaHost;
    final int viaPort;

    OwnSocket(Proto proto, InetSocketAddress bound, InetAddress advertised) {
        this(proto, bound, advertised, null, 0);
    }

    /**
     * @param advertisedName the configured advertised host (a name or an address), or null
     * @param advertisedPort the configured advertised port, 0: the bound port
     */
    OwnSocket(Proto proto, InetSocketAddress bound, InetAddress advertised, String advertisedName, int advertisedPort) {
        this.proto = proto;
        this.bound = bound;
        this.advertised = advertised;
        this.port = bound.getPort();
        String text = hostText(advertised);
        this.host = text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        String viaText = advertisedName != null ? bracketed(advertisedName) : text;
        this.viaHost = viaText.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        this.viaPort = advertisedPort > 0 ? advertisedPort : port;
        this.viaPrefix = ("Via: SIP/2.0/" + proto.viaName() + " " + viaText + ":" + viaPort + ";branch=")
                .getBytes(StandardCharsets.US_ASCII);
        this.sendInfo = MessageSlot.encodeSendInfo(proto, new InetSocketAddress(advertised, port));
    }

    boolean isWildcard() {
        return bound.getAddress().isAnyLocalAddress();
    }

    boolean sameFamily(InetAddress a) {
        return (a instanceof Inet6Address) == (bound.getAddress() instanceof Inet6Address);
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** An address as a Via or URI host: IPv6 in brackets, without a zone. */
    static String hostText(InetAddress a) {
        String text = NetUtil.toAddressString(a); // RFC 5952: ::1, not 0:0:0:0:0:0:0:1
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return a instanceof Inet6Address ? "[" + text + "]" : text;
    }

    @Override
    public String toString() {
        return proto.name().toLowerCase(Locale.ROOT) + ":" + hostText(advertised) + ":" + port;
    }
}
