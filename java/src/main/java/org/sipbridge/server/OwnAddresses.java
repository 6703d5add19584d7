package org.sipbridge.server;

import io.netty.util.NetUtil;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.script.run.LocalAddresses;
import org.sipbridge.sip.SipBytes;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Who "we" are on the network: the bound listening sockets and the configured aliases. It
 * answers the three questions of stateless routing: which socket (and so which Via) a
 * message to a destination leaves from, whether a reply's top Via is ours, and whether a
 * destination is ourselves (a loop). Built once at start; read-only, shared by all workers.
 */
final class OwnAddresses {
    static final int SIP_PORT = 5060;
    static final int SIPS_PORT = 5061;

    private final OwnSocket[] sockets;
    /** Host names/addresses (lower case, no brackets) with a port (0 = any): aliases, wildcard addresses. */
    private final byte[][] extraHosts;
    private final int[] extraPorts;
    private final List<InetAddress> interfaceAddresses;

    OwnAddresses(List<OwnSocket> sockets, List<LocalAddresses.HostPort> aliases, List<InetAddress> interfaceAddresses) {
        this.sockets = sockets.toArray(new OwnSocket[0]);
        this.interfaceAddresses = List.copyOf(interfaceAddresses);
        List<byte[]> hosts = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (LocalAddresses.HostPort a : aliases) {
            hosts.add(bare(a.host()));
            ports.add(a.port());
        }
        for (OwnSocket s : sockets) {
            if (s.isWildcard()) {
                for (InetAddress a : interfaceAddresses) {
                    if (s.sameFamily(a)) {
                        hosts.add(bare(OwnSocket.hostText(a)));
                        ports.add(s.port);
                    }
                }
            }
        }
        this.extraHosts = hosts.toArray(new byte[0][]);
        this.extraPorts = ports.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The sockets of the bound listeners, with the interface addresses for wildcard binds. */
    static OwnAddresses of(List<OwnSocket> sockets, List<LocalAddresses.HostPort> aliases) {
        return new OwnAddresses(sockets, aliases, interfaceAddresses());
    }

    /** The advertised address for a socket bound to {@code bound}: itself, or for a wildcard an interface address. */
    static InetAddress advertised(InetAddress bound) {
        if (!bound.isAnyLocalAddress()) {
            return bound;
        }
        boolean v6 = bound instanceof Inet6Address;
        InetAddress loopback = null;
        for (InetAddress a : interfaceAddresses()) {
            if ((a instanceof Inet6Address) != v6 || a.isLinkLocalAddress()) {
                continue;
            }
            if (!a.isLoopbackAddress()) {
                return a;
            }
            loopback = a;
        }
        return loopback != null ? loopback : InetAddress.getLoopbackAddress();
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp()) {
                    out.addAll(Collections.list(ni.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // no interface list: only explicitly bound addresses count as ours
        }
        return out;
    }

    private static byte[] bare(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    List<OwnSocket> sockets() {
        return List.of(sockets);
    }

    /** The socket a message to {@code destination} over {@code proto} leaves from (the transport's choice), or null. */
    OwnSocket sendingSocket(Proto proto, InetAddress destination) {
        for (OwnSocket s : sockets) {
            if (s.proto == proto && s.sameFamily(destination)) {
                return s;
            }
        }
        return null;
    }

    /** The socket a message arrived on; the first of its transport and family if it is not a listener (an outbound connection). */
    OwnSocket receivingSocket(ReceiveInfo rcv) {
        for (OwnSocket s : sockets) {
            if (s.proto == rcv.proto() && s.bound.equals(rcv.local())) {
                return s;
            }
        }
        return sendingSocket(rcv.proto(), rcv.source().getAddress());
    }

    /**
     * True when a Via sent-by names this server: host [off, off+len) (brackets allowed) and
     * port (-1 when absent: 5060) match a socket's advertised address and port, an interface
     * address of a wildcard socket, or an alias.
     */
    boolean isOurs(ByteBuffer buf, int off, int len, int port) {
        int p = port < 0 ? SIP_PORT : port;
        if (len > 2 && buf.get(off) == '[' && buf.get(off + len - 1) == ']') {
            return isOurIpv6(buf, off + 1, len - 2, p);
        }
        for (OwnSocket s : sockets) {
            if (s.port == p && SipBytes.equalsIgnoreCase(buf, off, len, s.host)
                    || s.viaPort == p && SipBytes.equalsIgnoreCase(buf, off, len, s.viaHost)) {
                return true;
            }
        }
        return isAlias(buf, off, len, p);
    }

    /** IPv6 texts have many spellings: compare addresses (only IPv6 Vias pay for the parse). */
    private boolean isOurIpv6(ByteBuffer buf, int off, int len, int port) {
        byte[] b = new byte[len];
        buf.get(off, b, 0, len);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        if (text.indexOf(':') < 0 || !NetUtil.isValidIpV6Address(text)) {
            return false;
        }
        InetAddress a = NetUtil.createInetAddressFromIpAddressString(text);
        for (OwnSocket s : sockets) {
            if (s.port == port && (s.advertised.equals(a) || s.isWildcard() && interfaceAddresses.contains(a))) {
                return true;
            }
        }
        return isAlias(buf, off, len, port);
    }

    private boolean isAlias(ByteBuffer buf, int off, int len, int port) {
        for (int i = 0; i < extraHosts.length; i++) {
            if ((extraPorts[i] == 0 || extraPorts[i] == port) && SipBytes.equalsIgnoreCase(buf, off, len, extraHosts[i])) {
                return true;
            }
        }
        return false;
    }

    /** True when sending to {@code destination} over {@code proto} would reach one of our own listeners. */
    boolean isOwnListener(Proto proto, InetSocketAddress destination) {
        InetAddress a = destination.getAddress();
        for (OwnSocket s : sockets) {
            if (s.proto != proto || s.port != destination.getPort() || !s.sameFamily(a)) {
                continue;
            }
            if (s.bound.getAddress().equals(a)) {
                return true;
            }
            if (s.isWildcard() && (a.isAnyLocalAddress() || a.isLoopbackAddress() || interfaceAddresses.contains(a))) {
                return true;
            }
        }
        return false;
    }

}
