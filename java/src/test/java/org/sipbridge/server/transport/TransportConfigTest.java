package org.sipbridge.server.transport;

import org.junit.jupiter.api.Test;
import org.sipbridge.core.Proto;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportConfigTest {
    @Test
    void defaultsAndWithers() {
        TransportConfig c = TransportConfig.defaults(List.of(ListenAddress.udp("127.0.0.1", 5060)));
        assertEquals(1, c.workers());
        assertTrue(c.udpReceivers() >= 1 && c.udpReceivers() <= 2);
        assertEquals(Duration.ofSeconds(120), c.tcpIdleTimeout());
        TransportConfig d = c.withWorkers(4).withTcpIdleTimeout(Duration.ofSeconds(30)).withWorkerQueue(100);
        assertEquals(4, d.workers());
        assertEquals(Duration.ofSeconds(30), d.tcpIdleTimeout());
        assertEquals(100, d.workerQueue());
        assertEquals(c.listeners(), d.listeners());
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        TransportConfig c = TransportConfig.defaults(List.of(ListenAddress.udp("127.0.0.1", 5060)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.withWorkers(0)).getMessage().contains("children"));
        assertThrows(IllegalArgumentException.class, () -> c.withTcpIdleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TransportConfig.defaults(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TransportConfig.defaults(
                List.of(ListenAddress.udp("127.0.0.1", 5060), ListenAddress.udp("127.0.0.1", 5060))));
        // the same port on UDP and TCP is normal
        TransportConfig.defaults(List.of(ListenAddress.udp("127.0.0.1", 5060), ListenAddress.tcp("127.0.0.1", 5060)));
    }

    @Test
    void listenAddressesNeedAnIpAndASupportedTransport() {
        assertThrows(IllegalArgumentException.class,
                () -> new ListenAddress(Proto.UDP, InetSocketAddress.createUnresolved("sip.example.com", 5060)));
        assertThrows(IllegalArgumentException.class,
                () -> new ListenAddress(Proto.TLS, new InetSocketAddress("127.0.0.1", 5061)));
        assertEquals("udp:127.0.0.1:5060", ListenAddress.udp("127.0.0.1", 5060).toString());
        assertEquals("tcp:[::1]:5060", ListenAddress.tcp("::1", 5060).toString());
    }
}
