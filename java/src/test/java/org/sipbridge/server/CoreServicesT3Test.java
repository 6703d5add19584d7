package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core services 1.11's usrloc, dialog, uri, acc, sl and drouting need, as a C module
 * (test-modules/repltest) sees them on a running server: binary replication over UDP
 * (bin_listen: a packet sent by a worker reaches the module's callback on a BIN receiver
 * thread; replication off without it), the AAA binding failing cleanly without an AAA
 * module, reply-code statistics by number, networks, readers/writer locks, and every
 * service called with bad arguments.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoreServicesT3Test {
    private static final String ROUTE = """
            loadmodule "repltest.so"
            route {
            	if ($hdr(X-Op) == "send") { repl_send("%d"); }
            	if ($hdr(X-Op) == "report") { repl_report(); }
            	if ($hdr(X-Op) == "checks") { repl_bad(); repl_aaa(); repl_stats(); repl_net(); repl_used(); repl_via(); }
            	sl_send_reply("200", "OK");
            }
            """;

    private static int seq;

    /** An OPTIONS with X-Op: op to the server; the reply's X- headers. */
    private static Map<String, String> ask(int port, String op) {
        try (UdpPeer client = new UdpPeer()) {
            client.send(new InetSocketAddress("127.0.0.1", port), "OPTIONS sip:probe@127.0.0.1 SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKt3-" + (++seq) + "\n"
                    + "Max-Forwards: 70\n"
                    + "From: <sip:t@test>;tag=1\n"
                    + "To: <sip:probe@test>\n"
                    + "Call-ID: t3-" + seq + "@test\n"
                    + "CSeq: 1 OPTIONS\n"
                    + "X-Op: " + op + "\n"
                    + "Content-Length: 0\n\n");
            String reply = client.receive(10_000);
            assertNotNull(reply, "no reply from the server");
            assertTrue(reply.startsWith("SIP/2.0 200 OK\r\n"), reply);
            return SipTestMessages.xHeaders(reply);
        }
    }

    /** X-Bin once the receiver has counted count packets (at most 5 s). */
    private static String awaitReceived(int port, int count) throws InterruptedException {
        String last = null;
        for (int i = 0; i < 50; i++) {
            last = ask(port, "report").get("X-Bin");
            if (last != null && last.startsWith("count=" + count + " ")) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    @Test
    void replicationPacketsReachTheModuleOnItsReceiverThread(@TempDir Path dir) throws Exception {
        int sip = TestServer.freePort();
        int bin = TestServer.freePort();
        try (TestServer server = TestServer.start(dir, "listen=udp:127.0.0.1:" + sip + "\nchildren=2\n"
                + "bin_listen=127.0.0.1:" + bin + "\nbin_children=2\n" + ROUTE.formatted(bin))) {
            assertEquals("count=0 type=0 text= int=0 empty=0 overflow=0 skip=0 other=0", ask(sip, "report").get("X-Bin"));
            String sent = ask(sip, "send").get("X-Send");
            assertTrue(Integer.parseInt(sent) > 0, "bytes sent: " + sent);
            // fields popped in push order; popping or skipping past the end is -1; the callback
            // registered for another module name never ran
            assertEquals("count=1 type=7 text=hello int=42 empty=0 overflow=-1 skip=-1 other=0",
                    awaitReceived(sip, 1));

            // what is not a valid packet of ours is dropped, and the receivers keep going
            try (UdpPeer stranger = new UdpPeer()) {
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", bin);
                stranger.send(to, "OPTIONS sip:x SIP/2.0\r\n\r\n");          // no marker
                stranger.send(to, "P4CK\0\0\0\0\u0008\0\0\0repltest\u0007\0\0\0"); // wrong CRC
                stranger.send(to, "P4CK");                                   // too short
            }
            ask(sip, "send");
            assertEquals("count=2 type=7 text=hello int=42 empty=0 overflow=-1 skip=-1 other=0",
                    awaitReceived(sip, 2));

            Map<String, String> h = ask(sip, "checks");
            // pops on a worker: -2; bin_init without a name: -1 and nothing started; a field
            // beyond BUF_SIZE: -1; bin_send(NULL) with bin_listen: 0; start_bin_receivers: the core's
            assertEquals("pop_str=-2 pop_int=-2 skip=-2 init=-1 push=-1 big=-1 send_null=0 start=-1", h.get("X-Bad"));
        }
    }

    @Test
    void withoutBinListenReplicationIsOffAndTheOtherServicesBehave(@TempDir Path dir) throws Exception {
        int sip = TestServer.freePort();
        try (TestServer server = TestServer.start(dir, "listen=udp:127.0.0.1:" + sip + "\n"
                + ROUTE.formatted(TestServer.freePort()))) {
            assertEquals("-1", ask(sip, "send").get("X-Send"), "bin_send without bin_listen");
            Map<String, String> h = ask(sip, "checks");
            assertEquals("pop_str=-2 pop_int=-2 skip=-2 init=-1 push=-1 big=-1 send_null=-1 start=-1", h.get("X-Bad"));
            // "radius:<rest>" parses; binding fails (no aaa_radius) and leaves the caller's
            // aaa_prot untouched; NULL arguments and a URL without ':' are errors
            assertEquals("parse=0 name=1 rest=1 bind=-1 untouched=1 null=-2 bad=-2", h.get("X-Aaa"));
            // 404_out is the module's own statistic; 404_in and 999_out are registered by nobody
            assertEquals("out404=1 in404=0 out999=0 counted=1 name=location-users null=1", h.get("X-Stats"));
            assertEquals("net=10.0.0.0/255.0.0.0 in=1 out=0 bits33=1 null=1", h.get("X-Net"));
            assertEquals("rw=1 trim=[spaced out] facility=1/-1/-1", h.get("X-Misc"));
            // the calls the script makes, by name and parameter count (-1: any)
            assertEquals("self=1 send_any=1 send_two=0 report=1 none=0 null=0", h.get("X-Used"));
            assertTrue(h.get("X-Via").matches(";received=127\\.0\\.0\\.1 19 ;rport=\\d+ \\d+ null=1"), h.get("X-Via"));
        }
    }
}
