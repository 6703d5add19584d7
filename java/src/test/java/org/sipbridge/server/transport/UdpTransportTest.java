package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.SipLimits;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.transport.TestSupport.bytes;
import static org.sipbridge.server.transport.TestSupport.request;

@Timeout(20)
class UdpTransportTest {
    private SipTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop();
        }
    }

    private InetSocketAddress start(TransportConfig config, MessageHandler handler) throws TransportException {
        transport = new SipTransport(config, handler);
        transport.start();
        return transport.localAddress(Proto.UDP);
    }

    @Test
    void datagramReachesHandlerWithItsReceiveInfo() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)), rec);
        assertTrue(server.getPort() > 0);
        try (DatagramSocket client = TestSupport.udpClient()) {
            TestSupport.send(client, server, request("call-1", 0));
            TestSupport.Handled h = rec.awaitCount(1).get(0);
            assertEquals(request("call-1", 0), h.text());
            ReceiveInfo info = h.info();
            assertEquals(Proto.UDP, info.proto());
            assertEquals(client.getLocalSocketAddress(), info.source());
            assertEquals(server, info.local());
            assertEquals(0, info.connectionId());
            assertEquals(0, h.worker());
            assertEquals("sip-worker-1", h.thread());
        }
        assertEquals(1, transport.stats().received());
    }

    @Test
    void repliesLeaveFromTheListeningPort() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder() {
            @Override
            void onMessage(TestSupport.Handled h, ByteBuf message) {
                SipSender sender = transport.sender();
                // a reply through reply(), and a copy through send() with the ByteBuf API
                assertEquals(SendResult.QUEUED, sender.reply(h.info(), ByteBuffer.wrap(bytes("SIP/2.0 200 OK\r\n\r\n"))));
                assertEquals(SendResult.QUEUED, sender.send(Proto.UDP, h.info().source(),
                        Unpooled.copiedBuffer(bytes("SIP/2.0 202 Accepted\r\n\r\n"))));
            }
        };
        InetSocketAddress server = start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)).withWorkers(2), rec);
        try (DatagramSocket client = TestSupport.udpClient()) {
            TestSupport.send(client, server, request("call-2", 0));
            for (String expected : List.of("SIP/2.0 200 OK", "SIP/2.0 202 Accepted")) {
                byte[] buf = new byte[2048];
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                client.receive(p);
                assertTrue(new String(buf, 0, p.getLength()).startsWith(expected));
                assertEquals(server, p.getSocketAddress(), "reply must come from the listening address");
            }
        }
    }

    @Test
    void nioFallbackUsesOneReceiver() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0))
                .withPreferEpoll(false).withUdpReceivers(4), rec);
        assertEquals("nio", transport.ioKind());
        assertTrue(transport.summary().get(0).contains("(nio, 1 receiver)"), transport.summary().toString());
        try (DatagramSocket client = TestSupport.udpClient()) {
            TestSupport.send(client, server, request("call-nio", 0));
            assertEquals(request("call-nio", 0), rec.awaitCount(1).get(0).text());
        }
    }

    @Test
    void severalReceiversShareThePortWithEpoll() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)).withUdpReceivers(3), rec);
        if (!transport.ioKind().equals("epoll")) {
            return; // nothing to check without native epoll
        }
        assertTrue(transport.summary().get(0).contains("3 receivers sharing the port"), transport.summary().toString());
        DatagramSocket[] clients = new DatagramSocket[8];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = TestSupport.udpClient();
                TestSupport.send(clients[i], server, request("call-r" + i, 0));
            }
            rec.awaitCount(clients.length);
        } finally {
            for (DatagramSocket c : clients) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aPortAnotherServerServesWithSeveralReceiversIsRefused() throws Exception {
        InetSocketAddress first = start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)).withUdpReceivers(2),
                new TestSupport.Recorder());
        SipTransport second = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", first.getPort()))
                .withUdpReceivers(2), new TestSupport.Recorder());
        TransportException e = org.junit.jupiter.api.Assertions.assertThrows(TransportException.class, second::start);
        assertTrue(e.getMessage().startsWith("cannot bind udp:127.0.0.1:" + first.getPort()), e.getMessage());
    }

    @Test
    void directSendsFromAWorkerLeaveFromTheListeningPort() throws Exception {
        InetSocketAddress server = start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)), new TestSupport.Recorder());
        try (DatagramSocket client = TestSupport.udpClient()) {
            ByteBuffer direct = ByteBuffer.allocateDirect(64);
            direct.put(bytes("direct datagram")).flip();
            assertEquals(SendResult.QUEUED, transport.sender().send(Proto.UDP,
                    (InetSocketAddress) client.getLocalSocketAddress(), direct));
            assertEquals(15, direct.remaining(), "the buffer is left as it was");
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[100], 100);
            client.setSoTimeout(2000);
            client.receive(p);
            assertEquals("direct datagram", new String(p.getData(), 0, p.getLength()));
            assertEquals(server.getPort(), p.getPort());
        }
    }

    @Test
    void probesAreIgnoredAndOversizeDatagramsDroppedAndCounted() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0))
                .withLimits(SipLimits.DEFAULT.withMaxMessageSize(1024)), rec);
        try (DatagramSocket client = TestSupport.udpClient()) {
            TestSupport.send(client, server, "\r\n\r\n");
            TestSupport.send(client, server, request("big", 0) + "x".repeat(2000));
            TestSupport.send(client, server, request("small", 1));
            assertEquals(request("small", 1), rec.awaitCount(1).get(0).text());
            TestSupport.await("drop counters", Duration.ofSeconds(5),
                    () -> transport.stats().droppedOversize() == 1 && transport.stats().keepalives() == 1);
        }
        assertEquals(1, rec.count());
    }

    @Test
    void hostNamesResolveThroughTheCachedResolver() throws Exception {
        HostResolver resolver = new HostResolver(host -> {
            if (host.equals("proxy.test")) {
                return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
            }
            throw new UnknownHostException(host);
        });
        transport = new SipTransport(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)),
                new TestSupport.Recorder(), WorkerStartHook.NONE, resolver);
        transport.start();
        try (DatagramSocket client = TestSupport.udpClient()) {
            SipSender sender = transport.sender();
            int port = client.getLocalPort();
            assertEquals(SendResult.QUEUED, sender.send(Proto.UDP, "proxy.test", port, ByteBuffer.wrap(bytes(request("n", 1)))));
            assertEquals(request("n", 1), TestSupport.receive(client));
            assertEquals(SendResult.UNRESOLVED, sender.send(Proto.UDP, "nowhere.test", port, ByteBuffer.allocate(4)));
            assertEquals(SendResult.UNRESOLVED, sender.send(Proto.UDP, InetSocketAddress.createUnresolved("nowhere.test", port),
                    Unpooled.buffer(4)));
            assertEquals(SendResult.NO_LISTENER, sender.send(Proto.UDP, new InetSocketAddress("::1", port), Unpooled.buffer(4)));
            assertEquals(SendResult.NO_LISTENER, sender.send(Proto.TCP, new InetSocketAddress("127.0.0.1", port), Unpooled.buffer(4)));
        }
    }

    @Test
    void sendingAfterStopAnswersStopped() throws Exception {
        start(TestSupport.config(ListenAddress.udp("127.0.0.1", 0)), new TestSupport.Recorder());
        SipSender sender = transport.sender();
        transport.stop();
        transport.stop(); // idempotent
        transport.awaitStopped();
        assertEquals(SendResult.STOPPED, sender.send(Proto.UDP, new InetSocketAddress("127.0.0.1", 9), Unpooled.buffer(4)));
    }
}
