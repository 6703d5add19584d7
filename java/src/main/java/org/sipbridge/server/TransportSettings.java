package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.Transport;
import org.sipbridge.server.transport.ListenAddress;
import org.sipbridge.server.transport.TransportConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The network layer's configuration from the script's settings: {@code listen=} lines (an
 * IP address, or '*' for every address; port 0 binds a free port), {@code children} worker
 * threads, {@code udp_receivers}, {@code tcp_idle_timeout}; the transport's defaults for the
 * rest. A configuration without any listen line listens on udp:127.0.0.1:5060.
 */
final class TransportSettings {
    static final ListenAddress DEFAULT_LISTEN = ListenAddress.udp(ServerConfig.DEFAULT_LISTEN.host(),
            ServerConfig.DEFAULT_LISTEN.port());

    private TransportSettings() {
    }

    static TransportConfig from(ServerConfig c) throws ServerException {
        return from(c, org.sipbridge.script.ReliabilitySettings.DEFAULTS);
    }

    /** With the reliability settings: tcp_max_msg_time, tcp_max_connections. */
    static TransportConfig from(ServerConfig c, org.sipbridge.script.ReliabilitySettings reliability)
            throws ServerException {
        List<ListenAddress> listeners = new ArrayList<>();
        for (ServerConfig.Listen l : c.effectiveListens()) {
            listeners.add(new ListenAddress(l.transport() == Transport.TCP ? Proto.TCP : Proto.UDP,
                    new InetSocketAddress(address(l), l.port())));
        }
        // -l adds listeners (replacing the default one), -n sets the workers (command line)
        listeners = CommandLineSettings.withExtra(listeners, c.listens().isEmpty());
        Integer n = CommandLineSettings.children();
        try {
            TransportConfig t = TransportConfig.defaults(listeners).withWorkers(n != null ? n : c.children());
            if (c.udpReceivers() != null) {
                t = t.withUdpReceivers(c.udpReceivers());
            }
            if (c.tcpIdleTimeout() != null) {
                t = t.withTcpIdleTimeout(Duration.ofSeconds(c.tcpIdleTimeout()));
            }
            // the 1.11 settings sipbridge's transport has a knob for
            if (c.tcpConnectTimeoutMillis() != null && c.tcpConnectTimeoutMillis() > 0) {
                t = t.withTcpConnectTimeout(Duration.ofMillis(c.tcpConnectTimeoutMillis()));
            }
            // udp_receive_mode: workers read their own UDP sockets unless handoff is asked for
            String mode = c.udpReceiveMode();
            if (mode != null && !mode.equals("inline") && !mode.equals("handoff")) {
                throw new ServerException("configuration: udp_receive_mode = " + mode
                        + ": expected inline (workers read their own sockets) or handoff (receiving threads)");
            }
            t = t.withUdpInline(mode == null || mode.equals("inline"));
            if (c.maxBuffer() != null && c.maxBuffer() > 0) {
                t = t.withUdpSocketBuffer(c.maxBuffer());
            }
            // tcp_max_msg_time and tcp_max_connections (range-checked at compile time)
            t = t.withTcpMessageTimeout(Duration.ofSeconds(reliability.tcpMaxMsgTimeSeconds()))
                    .withTcpMaxConnections(reliability.tcpMaxConnections());
            return t;
        } catch (IllegalArgumentException e) {
            throw new ServerException("configuration: " + e.getMessage(), e);
        }
    }

    private static InetAddress address(ServerConfig.Listen l) throws ServerException {
        String host = l.host();
        if (host.equals("*")) {
            host = "0.0.0.0";
        } else if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return InetAddress.getByName(host); // the parser accepts IP literals only: no lookup
        } catch (UnknownHostException e) {
            throw new ServerException("listen=" + l + ": not an IP address", e);
        }
    }
}
