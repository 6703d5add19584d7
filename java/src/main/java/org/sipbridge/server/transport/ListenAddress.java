package org.sipbridge.server.transport;

import org.sipbridge.core.Proto;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One {@code listen=proto:ip:port} line. Port 0 binds an ephemeral port (tests); the bound
 * port is then reported by {@link SipTransport#localAddress(Proto)}.
 */
public record ListenAddress(Proto proto, InetSocketAddress address) {
    public ListenAddress {
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(address, "address");
        if (proto != Proto.UDP && proto != Proto.TCP) {
            throw new IllegalArgumentException("unsupported transport " + proto + " in listen " + address);
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("listen address must be an IP address: " + address.getHostString());
        }
    }

    public static ListenAddress udp(String ip, int port) {
        return new ListenAddress(Proto.UDP, new InetSocketAddress(ip, port));
    }

    public static ListenAddress tcp(String ip, int port) {
        return new ListenAddress(Proto.TCP, new InetSocketAddress(ip, port));
    }

    /** As written in a configuration: {@code udp:127.0.0.1:5060}, IPv6 in brackets. */
    @Override
    public String toString() {
        return Names.endpoint(proto, address);
    }
}
