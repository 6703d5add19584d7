package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up warm-up runs its synthetic call on worker 1 and leaves no trace: nothing sent,
 * nothing counted, and the first real messages are handled as on a server without it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WarmupTest {
    @TempDir
    Path dir;

    @Test
    void runsBeforeTheFirstMessageAndLeavesNoTrace() throws Exception {
        try (TestServer proxy = TestServer.start(dir, TestServer.proxyConfig(2));
             UdpPeer client = new UdpPeer(); UdpPeer uas = new UdpPeer()) {
            assertEquals(Warmup.configuredMessages(), Warmup.lastRun(), "the whole warm-up ran");
            ServerStats s = proxy.stats();
            assertEquals(0, s.requests() + s.replies() + s.forwarded() + s.relayed() + s.localReplies(),
                    "the warm-up counted nothing: " + s);
            assertTrue(uas.receive(200) == null, "the warm-up sent nothing");
            client.send(proxy.udp(), "MESSAGE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bK-w1;rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
                    + "Call-ID: warmup-test@x\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n");
            String forwarded = uas.expect();
            assertTrue(forwarded.startsWith("MESSAGE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\r\n"), forwarded);
            assertTrue(forwarded.contains(";rport=" + client.port() + ";received=127.0.0.1\r\n"), forwarded);
            assertTrue(forwarded.contains("X-Proxied: yes\r\n"), forwarded);
            assertEquals(1, proxy.await(ServerStats::forwarded, 1));
        }
    }
}
