package org.sipbridge.server;

import com.sun.jna.NativeLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.sip.CallIdLocator;
import org.sipbridge.testing.TestModules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code udp_receive_mode = inline} with one worker stuck in a C call and no watchdog in the
 * way ({@code module_call_limit} far off): the kernel hashes some sources to the stuck worker's
 * own socket, and those sources must still be served (the next worker reads that socket
 * while the stuck one is busy, after {@code -Dsipbridge.udpAdoptMs}, 100 ms). Ten clients on
 * their own ports send requests whose Call-IDs belong to the other workers: every one is
 * answered. (Call-IDs that belong to the stuck worker wait for it in both modes.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InlineReceiveStuckTest {
    private static final String ROUTE = """
            loadmodule "stuck.so"
            route {
            	if (is_method("MESSAGE")) {
            		stuck_forever();
            		sl_send_reply("200", "Came Back");
            		exit;
            	}
            	sl_send_reply("200", "OK");
            }
            """;
    private static final int WORKERS = 3;

    @TempDir
    Path dir;
    NativeLibrary stuckLibrary;
    final List<UdpPeer> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        stuckLibrary = NativeLibrary.getInstance(TestModules.path("stuck").toString());
        plain("stuck_arm");
        for (int i = 0; i < 10; i++) {
            clients.add(new UdpPeer());
        }
    }

    @AfterEach
    void release() {
        plain("stuck_release");
        clients.forEach(UdpPeer::close);
    }

    private void plain(String function) {
        stuckLibrary.getFunction(function).invoke(Void.class, new Object[0]);
    }

    private int entered() {
        return (Integer) stuckLibrary.getFunction("stuck_entered").invoke(Integer.class, new Object[0]);
    }

    private static String request(String method, String callId, UdpPeer from) {
        return method + " sip:svc@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.port() + ";branch=z9hG4bK" + callId.hashCode() + "\r\n"
                + "From: <sip:t@example.com>;tag=1\r\n"
                + "To: <sip:svc@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The worker the transport gives this message's Call-ID (WorkerPool's rule: the hash modulo the workers). */
    private static int owner(String message) {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        return Math.floorMod(CallIdLocator.hash(ByteBuffer.wrap(b), 0, b.length), WORKERS);
    }

    @Test
    void sourcesHashedToAStuckWorkersSocketAreStillServed() throws Exception {
        int before = entered();
        try (TestServer server = TestServer.start(dir, "listen=udp:127.0.0.1:" + TestServer.freePort()
                + "\nchildren=" + WORKERS + "\nmodule_call_limit=600000\n" + ROUTE)) {
            String stuck = request("MESSAGE", "stuck-inline@test", clients.get(0));
            int stuckWorker = owner(stuck);
            clients.get(0).send(server.udp(), stuck);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (entered() < before + 1 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(before + 1, entered(), "stuck_forever was not entered");
            int n = 0;
            for (UdpPeer c : clients) {
                for (int i = 0; n < 1000; i++, n++) {
                    String r = request("OPTIONS", "c" + c.port() + "-" + i + "@test", c);
                    if (owner(r) == stuckWorker) {
                        continue;
                    }
                    c.send(server.udp(), r);
                    String reply = c.receive(3000);
                    assertEquals("SIP/2.0 200 OK", reply == null ? "no reply" : reply.substring(0, reply.indexOf("\r\n")),
                            "client on port " + c.port());
                    break;
                }
            }
        }
    }
}
