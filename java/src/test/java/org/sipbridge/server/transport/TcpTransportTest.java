package org.sipbridge.server.transport;

import ch.qos.logback.classic.Level;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.SipLimits;
import org.sipbridge.testing.LogCapture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.sipbridge.server.transport.TestSupport.bytes;
import static org.sipbridge.server.transport.TestSupport.request;
import static org.sipbridge.server.transport.TestSupport.requestWithBody;

@Timeout(20)
class TcpTransportTest {
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
        return transport.localAddress(Proto.TCP);
    }

    private static TransportConfig tcpConfig() {
        return TestSupport.config(ListenAddress.tcp("127.0.0.1", 0));
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(5000);
        s.connect(server, 5000);
        return s;
    }

    /** Reads until the peer closes; fails if it does not within the socket timeout. */
    private static void assertClosedByPeer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // discard whatever comes first
            }
        } catch (SocketTimeoutException e) {
            fail("connection was not closed");
        } catch (IOException reset) {
            // a reset is a close too
        }
    }

    /** Reads one SIP message (headers up to the empty line, no body). */
    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + out);
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void severalMessagesInOneSegment() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(tcpConfig(), rec);
        try (Socket s = connect(server)) {
            s.getOutputStream().write(bytes(request("a", 0) + request("b", 0) + request("a", 1)));
            List<TestSupport.Handled> all = rec.awaitCount(3);
            assertEquals(List.of(request("a", 0), request("b", 0), request("a", 1)),
                    all.stream().map(TestSupport.Handled::text).toList());
            ReceiveInfo info = all.get(0).info();
            assertEquals(Proto.TCP, info.proto());
            assertEquals(s.getLocalSocketAddress(), info.source());
            assertEquals(s.getRemoteSocketAddress(), info.local());
            assertNotEquals(0, info.connectionId());
            assertTrue(all.stream().allMatch(h -> h.info() == info), "one ReceiveInfo per connection");
        }
        assertEquals(1, transport.stats().tcpAccepted());
    }

    @Test
    void messageSplitAcrossManySegments() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(tcpConfig(), rec);
        String first = requestWithBody("split", 0, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");
        String second = request("split", 1);
        byte[] stream = bytes(first + second);
        try (Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < stream.length; i += 7) {
                out.write(stream, i, Math.min(7, stream.length - i));
                out.flush();
                if (i % 70 == 0) {
                    Thread.sleep(1); // let the pieces arrive as separate reads
                }
            }
            List<TestSupport.Handled> all = rec.awaitCount(2);
            assertEquals(first, all.get(0).text());
            assertEquals(second, all.get(1).text());
        }
    }

    @Test
    void bodyByContentLengthAndKeepAlives() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(tcpConfig(), rec);
        String withBody = requestWithBody("body", 0, "hello\r\n\r\nworld"); // CRLFCRLF inside the body
        try (Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            out.write(bytes("\r\n" + withBody + "\r\n"));
            out.write(bytes(request("body", 1)));
            assertEquals(List.of(withBody, request("body", 1)),
                    rec.awaitCount(2).stream().map(TestSupport.Handled::text).toList());
            out.write(bytes("\r\n\r\n")); // RFC 5626 ping
            InputStream in = s.getInputStream();
            assertEquals('\r', in.read());
            assertEquals('\n', in.read());
            s.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, in::read, "exactly one CRLF pong");
        }
        assertTrue(transport.stats().keepalives() >= 3);
        assertEquals(0, transport.stats().dropped());
    }

    private static void assertThrows(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable e, String why) {
        org.junit.jupiter.api.Assertions.assertThrows(type, e, why);
    }

    @Test
    void missingContentLengthBreaksTheStream() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(tcpConfig(), rec);
        try (LogCapture logs = new LogCapture(Inbound.class.getName(), Level.WARN); Socket s = connect(server)) {
            s.getOutputStream().write(bytes(request("ok", 0) + request("bad", 0).replace("Content-Length: 0\r\n", "")));
            assertClosedByPeer(s);
            TestSupport.await("broken stream counted", Duration.ofSeconds(5), () -> transport.stats().brokenStreams() == 1);
            String line = logs.messages().get(0);
            assertTrue(line.contains("127.0.0.1:" + s.getLocalPort()), "names the peer: " + line);
            assertTrue(line.contains("Content-Length Required On Stream"), line);
        }
        assertEquals(1, rec.awaitCount(1).size(), "the message before the broken one is handled");
    }

    @Test
    void oversizeMessageClosesTheConnection() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(tcpConfig().withLimits(SipLimits.DEFAULT.withMaxMessageSize(1024)), rec);
        try (Socket s = connect(server)) {
            // headers that never end within the limit
            s.getOutputStream().write(bytes(request("big", 0).replace("\r\n\r\n", "\r\n") + "X-Pad: " + "p".repeat(2000) + "\r\n"));
            assertClosedByPeer(s);
        }
        try (Socket s = connect(server)) {
            // a Content-Length that would exceed the limit is refused before the body arrives
            s.getOutputStream().write(bytes(request("big", 1).replace("Content-Length: 0", "Content-Length: 5000")));
            assertClosedByPeer(s);
        }
        TestSupport.await("oversize counted", Duration.ofSeconds(5), () -> transport.stats().droppedOversize() == 2);
        assertEquals(0, rec.count());
    }

    @Test
    void replyGoesBackOnTheSameConnection() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder() {
            @Override
            void onMessage(TestSupport.Handled h, ByteBuf message) {
                String seq = TestSupport.header(h.text(), "X-Seq");
                String reply = "SIP/2.0 200 OK\r\nX-Seq: " + seq + "\r\nContent-Length: 0\r\n\r\n";
                SendResult r = seq.equals("0")
                        ? transport.sender().sendOnConnection(h.info().connectionId(), ByteBuffer.wrap(bytes(reply)))
                        : transport.sender().reply(h.info(), Unpooled.copiedBuffer(bytes(reply)));
                assertEquals(SendResult.QUEUED, r);
            }
        };
        InetSocketAddress server = start(tcpConfig(), rec);
        long id;
        try (Socket s = connect(server)) {
            s.getOutputStream().write(bytes(request("r", 0) + request("r", 1)));
            InputStream in = s.getInputStream();
            assertTrue(readHeaders(in).contains("X-Seq: 0"));
            assertTrue(readHeaders(in).contains("X-Seq: 1"));
            id = rec.all().get(0).info().connectionId();
        }
        TestSupport.await("connection forgotten", Duration.ofSeconds(5),
                () -> transport.sender().sendOnConnection(id, Unpooled.buffer(1)) == SendResult.NO_CONNECTION);
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        InetSocketAddress server = start(tcpConfig().withTcpIdleTimeout(Duration.ofMillis(300)), new TestSupport.Recorder());
        try (Socket s = connect(server)) {
            long begin = System.nanoTime();
            assertClosedByPeer(s);
            long ms = Duration.ofNanos(System.nanoTime() - begin).toMillis();
            assertTrue(ms >= 250 && ms < 3000, "closed after " + ms + " ms");
        }
        TestSupport.await("idle close counted", Duration.ofSeconds(5), () -> transport.stats().tcpIdleClosed() == 1);
    }

    @Test
    void sendOpensOneConnectionAndReusesIt() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        start(tcpConfig(), rec);
        try (ServerSocket peer = new ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"))) {
            peer.setSoTimeout(5000);
            InetSocketAddress dest = (InetSocketAddress) peer.getLocalSocketAddress();
            SipSender sender = transport.sender();
            assertEquals(SendResult.QUEUED, sender.send(Proto.TCP, dest, ByteBuffer.wrap(bytes(request("out", 0)))));
            assertEquals(SendResult.QUEUED, sender.send(Proto.TCP, dest, Unpooled.copiedBuffer(bytes(request("out", 1)))));
            try (Socket conn = peer.accept()) {
                conn.setSoTimeout(5000);
                InputStream in = conn.getInputStream();
                assertEquals(request("out", 0), readHeaders(in));
                assertEquals(request("out", 1), readHeaders(in));
                // the peer answers on that connection: it reaches the handler with the connection's id
                conn.getOutputStream().write(bytes(request("out", 2)));
                TestSupport.Handled h = rec.awaitCount(1).get(0);
                assertEquals(Proto.TCP, h.info().proto());
                assertEquals(dest, h.info().source());
                assertEquals(SendResult.QUEUED, sender.sendOnConnection(h.info().connectionId(),
                        ByteBuffer.wrap(bytes(request("out", 3)))));
                assertEquals(SendResult.QUEUED, sender.send(Proto.TCP, dest, ByteBuffer.wrap(bytes(request("out", 4)))));
                assertEquals(request("out", 3), readHeaders(in));
                assertEquals(request("out", 4), readHeaders(in));
                peer.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, peer::accept, "no second connection");
            }
        }
        assertEquals(1, transport.stats().tcpOpened());
    }

    @Test
    void failedConnectIsCounted() throws Exception {
        start(tcpConfig(), new TestSupport.Recorder());
        InetSocketAddress closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        SendResult r = transport.sender().send(Proto.TCP, closedPort, ByteBuffer.wrap(bytes(request("refused", 0))));
        // on loopback the refusal may come back before the write is looked at
        assertTrue(r == SendResult.QUEUED || r == SendResult.NO_CONNECTION, r.toString());
        // the connect, and the send if it waited for it
        long expected = r == SendResult.QUEUED ? 2 : 1;
        TestSupport.await("failed connect counted", Duration.ofSeconds(5), () -> transport.stats().sendFailures() == expected);
        assertEquals(1, transport.stats().tcpOpened());
    }

    @Test
    void aPeerThatDoesNotReadIsClosedAtTheHighWaterMark() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(tcpConfig().withWriteHighWaterMark(64 * 1024), rec);
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(server, 5000);
            s.getOutputStream().write(bytes(request("slow", 0)));
            long id = rec.awaitCount(1).get(0).info().connectionId();
            ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
            SendResult r = SendResult.QUEUED;
            int sends = 0;
            // the kernel's buffers take some megabytes first; then Netty's queue reaches the mark
            while (r == SendResult.QUEUED && sends < 20_000) {
                r = transport.sender().sendOnConnection(id, chunk);
                sends++;
            }
            assertEquals(SendResult.OVERLOADED, r, "after " + sends + " sends");
            assertEquals(1, transport.stats().sendOverloaded());
            TestSupport.await("connection closed", Duration.ofSeconds(5),
                    () -> transport.sender().sendOnConnection(id, ByteBuffer.allocate(1)) == SendResult.NO_CONNECTION);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        TestSupport.Recorder rec = new TestSupport.Recorder();
        InetSocketAddress server = start(tcpConfig().withTcpMaxConnections(1), rec);
        try (Socket first = connect(server); Socket second = connect(server)) {
            assertClosedByPeer(second);
            first.getOutputStream().write(bytes(request("kept", 0)));
            assertEquals(request("kept", 0), rec.awaitCount(1).get(0).text());
        }
        assertEquals(1, transport.stats().tcpRefused());
        assertEquals(1, transport.stats().tcpAccepted());
    }
}
