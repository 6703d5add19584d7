package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.script.run.LocalAddresses;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which socket sends, whose Via is ours, what is a loop; and the received test of ViaStamp. */
class OwnAddressesTest {
    private static OwnSocket socket(Proto p, String ip, int port) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        return new OwnSocket(p, new InetSocketAddress(a, port), OwnAddresses.advertised(a));
    }

    private static boolean ours(OwnAddresses own, String host, int port) {
        ByteBuffer b = ByteBuffer.wrap(host.getBytes(StandardCharsets.US_ASCII));
        return own.isOurs(b, 0, host.length(), port);
    }

    @Test
    void explicitSocketsAndAliases() throws Exception {
        OwnSocket udp = socket(Proto.UDP, "127.0.0.1", 5070);
        OwnSocket tcp = socket(Proto.TCP, "127.0.0.1", 5071);
        OwnSocket v6 = socket(Proto.UDP, "::1", 5070);
        OwnAddresses own = new OwnAddresses(List.of(udp, tcp, v6),
                List.of(new LocalAddresses.HostPort("proxy.example.com", 0)), List.of());
        assertEquals("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=", new String(udp.viaPrefix, StandardCharsets.US_ASCII));
        assertTrue(ours(own, "127.0.0.1", 5070));
        assertTrue(ours(own, "127.0.0.1", 5071));
        assertFalse(ours(own, "127.0.0.1", 5060));
        assertFalse(ours(own, "127.0.0.1", -1), "no port means 5060");
        assertTrue(ours(own, "[::1]", 5070));
        assertTrue(ours(own, "PROXY.example.com", -1), "an alias without port: any port");
        assertEquals(udp, own.sendingSocket(Proto.UDP, InetAddress.getByName("192.0.2.1")));
        assertEquals(v6, own.sendingSocket(Proto.UDP, InetAddress.getByName("2001:db8::1")));
        assertNull(own.sendingSocket(Proto.TCP, InetAddress.getByName("2001:db8::1")));
        assertEquals(tcp, own.receivingSocket(new ReceiveInfo(Proto.TCP, new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 5071), 3)));
        assertTrue(own.isOwnListener(Proto.UDP, new InetSocketAddress("127.0.0.1", 5070)));
        assertFalse(own.isOwnListener(Proto.TCP, new InetSocketAddress("127.0.0.1", 5070)));
        assertFalse(own.isOwnListener(Proto.UDP, new InetSocketAddress("127.0.0.2", 5070)));
    }

    @Test
    void wildcardListenersAdvertiseAnInterfaceAndCoverTheMachine() throws Exception {
        OwnSocket any = socket(Proto.UDP, "0.0.0.0", 5070);
        assertFalse(any.advertised.isAnyLocalAddress());
        OwnAddresses own = new OwnAddresses(List.of(any), List.of(), List.of(InetAddress.getByName("10.1.2.3")));
        assertTrue(ours(own, "10.1.2.3", 5070));
        assertTrue(own.isOwnListener(Proto.UDP, new InetSocketAddress("10.1.2.3", 5070)));
        assertTrue(own.isOwnListener(Proto.UDP, new InetSocketAddress("127.0.0.1", 5070)));
        assertFalse(own.isOwnListener(Proto.UDP, new InetSocketAddress("10.1.2.4", 5070)));
    }

    @Test
    void viaHostComparedWithTheSource() throws Exception {
        InetAddress src = InetAddress.getByName("192.0.2.10");
        assertTrue(same("192.0.2.10", src));
        assertFalse(same("192.0.2.1", src));
        assertFalse(same("192.0.2.100", src));
        assertFalse(same("host.example.com", src));
        assertFalse(same("192.0.2", src));
        assertTrue(same("[2001:db8::1]", InetAddress.getByName("2001:db8::1")));
        assertFalse(same("2001:db8::2", InetAddress.getByName("2001:db8::1")));
    }

    private static boolean same(String host, InetAddress a) {
        return ViaStamp.sameAddress(ByteBuffer.wrap(host.getBytes(StandardCharsets.US_ASCII)), 0, host.length(), a);
    }
}
