package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.sipbridge.core.ReceiveInfo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Messages, a recording handler and small waits shared by the transport tests. */
final class TestSupport {
    private TestSupport() {
    }

    /** A request of dialog {@code callId}, numbered {@code seq} (in CSeq and X-Seq). */
    static String request(String callId, int seq) {
        return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + callId + "-" + seq + "\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (seq + 1) + " OPTIONS\r\n"
                + "X-Seq: " + seq + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** A request with a body and its Content-Length. */
    static String requestWithBody(String callId, int seq, String body) {
        String headers = request(callId, seq);
        headers = headers.substring(0, headers.indexOf("Content-Length: 0"));
        return headers + "Content-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** A request without Call-ID (the worker is then chosen by source address). */
    static String requestWithoutCallId(int seq) {
        return request("x", seq).replace("Call-ID: x\r\n", "");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The value of header {@code name} in a message text, or null. */
    static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    static void send(DatagramSocket socket, InetSocketAddress to, String message) throws IOException {
        byte[] b = bytes(message);
        socket.send(new DatagramPacket(b, b.length, to));
    }

    static String receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
    }

    static DatagramSocket udpClient() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(5000);
        return s;
    }

    static TransportConfig config(ListenAddress... listeners) {
        return TransportConfig.defaults(List.of(listeners)).withStopDrainTimeout(Duration.ofSeconds(1));
    }

    /** Waits for {@code condition}, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    /** One handled message as the handler saw it. */
    record Handled(String text, ReceiveInfo info, int worker, String thread) {
    }

    /** A handler that records every message (and can run extra code per message). */
    static class Recorder implements MessageHandler {
        private final List<Handled> handled = new ArrayList<>();

        @Override
        public void handle(ByteBuf message, ReceiveInfo received, int worker) {
            String text = message.toString(message.readerIndex(), message.readableBytes(), StandardCharsets.UTF_8);
            Handled h = new Handled(text, received, worker, Thread.currentThread().getName());
            synchronized (handled) {
                handled.add(h);
            }
            onMessage(h, message);
        }

        /** Extra work per message, on the worker thread; the default does nothing. */
        void onMessage(Handled h, ByteBuf message) {
        }

        List<Handled> all() {
            synchronized (handled) {
                return List.copyOf(handled);
            }
        }

        int count() {
            synchronized (handled) {
                return handled.size();
            }
        }

        List<Handled> awaitCount(int n) throws InterruptedException {
            await(n + " handled messages", Duration.ofSeconds(10), () -> count() >= n);
            return all();
        }
    }
}
