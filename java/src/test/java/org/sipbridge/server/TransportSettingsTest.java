package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.Transport;
import org.sipbridge.server.transport.ListenAddress;
import org.sipbridge.server.transport.TransportConfig;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** listen=, children, udp_receivers, tcp_idle_timeout into the transport's configuration. */
class TransportSettingsTest {
    private static ServerConfig config(List<ServerConfig.Listen> listens, int children, Integer receivers, Integer idle) {
        return new ServerConfig(listens, children, null, false, List.of(), receivers, idle, List.of(), List.of());
    }

    @Test
    void settingsMapOneToOne() throws Exception {
        TransportConfig t = TransportSettings.from(config(List.of(
                new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5070),
                new ServerConfig.Listen(Transport.TCP, "*", 5071),
                new ServerConfig.Listen(Transport.UDP, "::1", 5070)), 3, 1, 30));
        assertEquals(List.of(ListenAddress.udp("127.0.0.1", 5070), ListenAddress.tcp("0.0.0.0", 5071),
                ListenAddress.udp("::1", 5070)), t.listeners());
        assertEquals(3, t.workers());
        assertEquals(1, t.udpReceivers());
        assertEquals(Duration.ofSeconds(30), t.tcpIdleTimeout());
    }

    @Test
    void defaultsAndBadValues() throws Exception {
        TransportConfig t = TransportSettings.from(config(List.of(), 8, null, null));
        assertEquals(List.of(TransportSettings.DEFAULT_LISTEN), t.listeners());
        assertEquals(TransportConfig.defaults(t.listeners()).tcpIdleTimeout(), t.tcpIdleTimeout());
        ServerException e = assertThrows(ServerException.class, () -> TransportSettings.from(config(List.of(), 0, null, null)));
        assertTrue(e.getMessage().contains("children must be in 1..1024"), e.getMessage());
    }
}
