package org.sipbridge.server;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.server.transport.SendResult;
import org.sipbridge.server.transport.SipSender;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Destinations from URIs, proto:host:port and Vias; names resolved once per worker cache. */
class NextHopTest {
    /** Resolves IP literals and proxy.test (10.0.0.7); counts the lookups. */
    static final class Resolver implements SipSender {
        final List<String> asked = new ArrayList<>();

        @Override
        public InetSocketAddress resolve(String host, int port) {
            asked.add(host);
            if (host.equals("proxy.test")) {
                return new InetSocketAddress("10.0.0.7", port);
            }
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return new InetSocketAddress(host.replace("[", "").replace("]", ""), port);
            }
            return null;
        }

        @Override public SendResult send(Proto proto, InetSocketAddress destination, ByteBuf data) { throw new AssertionError(); }
        @Override public SendResult send(Proto proto, InetSocketAddress destination, ByteBuffer data) { throw new AssertionError(); }
        @Override public SendResult send(Proto proto, String host, int port, ByteBuffer data) { throw new AssertionError(); }
        @Override public SendResult sendOnConnection(long connectionId, ByteBuf data) { throw new AssertionError(); }
        @Override public SendResult sendOnConnection(long connectionId, ByteBuffer data) { throw new AssertionError(); }
        @Override public SendResult reply(ReceiveInfo received, ByteBuf data) { throw new AssertionError(); }
        @Override public SendResult reply(ReceiveInfo received, ByteBuffer data) { throw new AssertionError(); }
    }

    private final Resolver resolver = new Resolver();
    private final NextHop next = new NextHop(resolver);

    private void hop(String destination, Proto proto, String address) {
        assertTrue(next.fromText(destination), () -> destination + ": " + next.problem());
        assertEquals(proto, next.proto(), destination);
        assertEquals(new InetSocketAddress(address.substring(0, address.lastIndexOf(':')),
                Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))), next.address(), destination);
    }

    @Test
    void sipUris() {
        hop("sip:bob@192.0.2.1", Proto.UDP, "192.0.2.1:5060");
        hop("sip:bob@192.0.2.1:5080;lr", Proto.UDP, "192.0.2.1:5080");
        hop("SIP:bob@192.0.2.1:5080;transport=TCP", Proto.TCP, "192.0.2.1:5080");
        hop("sip:proxy.test;transport=udp", Proto.UDP, "10.0.0.7:5060");
        hop("sip:bob@example.com;maddr=192.0.2.9", Proto.UDP, "192.0.2.9:5060");
        hop("sip:[2001:db8::1]:5070", Proto.UDP, "2001:db8::1:5070");
    }

    @Test
    void protoHostPort() {
        hop("udp:127.0.0.1:5080", Proto.UDP, "127.0.0.1:5080");
        hop("tcp:127.0.0.1:5081", Proto.TCP, "127.0.0.1:5081");
        hop("127.0.0.1", Proto.UDP, "127.0.0.1:5060");
        hop("proxy.test:5090", Proto.UDP, "10.0.0.7:5090");
        hop("[::1]:5062", Proto.UDP, "::1:5062");
    }

    @Test
    void refusedWithAReason() {
        assertFalse(next.fromText("sips:bob@192.0.2.1"));
        assertTrue(next.problem().contains("TLS"), next.problem());
        assertFalse(next.fromText("tel:+15551234"));
        assertTrue(next.problem().contains("not a sip: URI"), next.problem());
        assertFalse(next.fromText("sip:bob@192.0.2.1;transport=sctp"));
        assertTrue(next.problem().contains("unsupported transport"), next.problem());
        assertFalse(next.fromText("sip:bob@unknown.test"));
        assertTrue(next.problem().contains("does not resolve"), next.problem());
        assertFalse(next.fromText("127.0.0.1:99999"));
        assertFalse(next.fromText("udp:127.0.0.1:x"));
    }

    @Test
    void aSteadyDestinationIsResolvedOnce() {
        next.fromText("sip:a@proxy.test:5080");
        InetSocketAddress first = next.address();
        for (int i = 0; i < 100; i++) {
            assertTrue(next.fromText("sip:b@PROXY.test:5080"));
            assertSame(first, next.address(), "the cached address itself: nothing allocated");
        }
        assertEquals(List.of("proxy.test"), resolver.asked);
    }

    @Test
    void viaHops() {
        ByteBuffer b = ByteBuffer.wrap("TCP192.0.2.5".getBytes());
        assertTrue(next.fromVia(b, 0, 3, 3, 9, -1));
        assertEquals(Proto.TCP, next.proto());
        assertEquals(new InetSocketAddress("192.0.2.5", 5060), next.address());
        ByteBuffer tls = ByteBuffer.wrap("TLS192.0.2.5".getBytes());
        assertFalse(next.fromVia(tls, 0, 3, 3, 9, 5061));
    }
}
