package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 item 8: a TCP message must arrive whole within tcp_max_msg_time, else the connection is closed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowTcpSenderTest {
    @TempDir
    Path dir;

    private static final String OPTIONS = "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKslow\r\n"
            + "From: <sip:a@x>;tag=1\r\nTo: <sip:x@x>\r\nCall-ID: slow@test\r\nCSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void aMessageDrippingInByteByByteIsCutOffAndAFastOneIsServed() throws Exception {
        try (TestServer server = TestServer.start(dir, "listen=tcp:127.0.0.1:" + TestServer.freePort()
                + "\ntcp_max_msg_time=1\ntcp_max_connections=16\nroute { sl_send_reply(\"200\", \"OK\"); }\n")) {
            InetSocketAddress at = server.tcp();
            try (Socket slow = new Socket()) {
                slow.connect(at, 2000);
                slow.setSoTimeout(100);
                OutputStream out = slow.getOutputStream();
                InputStream in = slow.getInputStream();
                byte[] bytes = OPTIONS.getBytes(StandardCharsets.US_ASCII);
                long t0 = System.nanoTime();
                boolean closed = false;
                for (int i = 0; i < bytes.length && !closed; i++) {
                    try {
                        out.write(bytes[i]);
                        out.flush();
                    } catch (java.io.IOException reset) {
                        closed = true;
                        break;
                    }
                    try {
                        closed = in.read() < 0;
                    } catch (SocketTimeoutException nothingYet) {
                        // one byte every 100 ms, as a slowloris client would (slower still in reality)
                    } catch (java.io.IOException reset) {
                        closed = true;
                    }
                }
                long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(closed, "the slow connection is still open after " + after + " ms");
                assertTrue(after >= 900 && after < 5000, "closed after " + after + " ms");
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // counted just after the close
            while (server.server.transportStats().tcpSlowClosed() == 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(1, server.server.transportStats().tcpSlowClosed());
            // a client in a hurry, in two parts within the limit, is served
            try (Socket fast = new Socket()) {
                fast.connect(at, 2000);
                fast.setSoTimeout(3000);
                OutputStream out = fast.getOutputStream();
                out.write(OPTIONS.substring(0, 40).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
                out.write(OPTIONS.substring(40).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] b = new byte[4096];
                int n = fast.getInputStream().read(b);
                assertTrue(n > 0 && new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("SIP/2.0 200 OK"));
            }
            assertEquals(1, server.server.transportStats().tcpSlowClosed());
        }
    }
}
