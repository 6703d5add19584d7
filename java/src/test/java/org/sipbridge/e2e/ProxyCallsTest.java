package org.sipbridge.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.ServerStats;
import org.sipbridge.server.TestServer;
import org.sipbridge.testing.TestModules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.SipTestMessages.count;

/**
 * Real SIP traffic through sipbridge: SIPp's standard UAC calls SIPp's standard UAS through
 * the server running examples/proxy.cfg (the README's configuration: maxfwd's
 * mf_process_maxfwd_header, textops's is_method and append_hf, the core's forward), on
 * one worker and on two (a dialog's messages must stay in order), over UDP and TCP; and
 * SIPp's OPTIONS probe answered by the server itself. Every run is bounded by SIPp's own
 * timeout and a Java-side deadline.
 */
class ProxyCallsTest {
    private static final int CALLS = 40;
    private static final int RATE = 20;

    @TempDir
    Path dir;

    /** examples/proxy.cfg on a free port, with the test modules' path and the given workers. */
    private String exampleProxy(int children, String listen) throws Exception {
        String cfg = Files.readString(TestModules.repo().resolve("examples/proxy.cfg"));
        Matcher m = Pattern.compile("(?m)^listen=udp:127\\.0\\.0\\.1:5070$").matcher(cfg);
        assertTrue(m.find(), "examples/proxy.cfg listens on udp:127.0.0.1:5070");
        return m.replaceFirst(listen)
                .replaceFirst("(?m)^children=\\d+$", "children=" + children)
                .replaceFirst("(?m)^mpath=.*$", "");
    }

    private void calls(int children) throws Exception {
        try (TestServer proxy = TestServer.start(dir, exampleProxy(children,
                "listen=udp:127.0.0.1:" + TestServer.freePort()))) {
            Path uasMessages = dir.resolve("uas-messages-" + children + ".log");
            try (SippProcess uas = Sipp.uas().calls(CALLS).timeout(Duration.ofSeconds(20))
                    .arg("-trace_msg", "-message_file", uasMessages.toString()).start(dir)) {
                SippResult uac = Sipp.uac(uas.address()).sendTo(proxy.udp()).rate(RATE).calls(CALLS)
                        .timeout(Duration.ofSeconds(15)).run(dir);
                assertTrue(uac.clean(CALLS), uac::describe);
                SippResult server = uas.await();
                assertTrue(server.served(CALLS), server::describe);
                assertEquals(0, server.retransmissions(), server::describe);
            }
            String seen = Files.readString(uasMessages);
            // INVITE, ACK and BYE of every call went through the C functions of the route
            assertEquals(3L * CALLS, count(seen, "X-Proxied: yes"), "requests marked by append_hf");
            assertEquals(3L * CALLS, count(seen, "Max-Forwards: 69"), "requests decremented by maxfwd");
            ServerStats s = proxy.stats();
            assertEquals(3L * CALLS, s.forwarded(), s::toString);
            assertEquals(3L * CALLS, s.relayed(), s::toString);
            assertEquals(0, s.sendFailures() + s.malformedDropped() + s.notOurVia(), s::toString);
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void uacToUasThroughOneWorker() throws Exception {
        calls(1);
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void uacToUasThroughTwoWorkersKeepsEachDialogInOrder() throws Exception {
        calls(2);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void optionsToTheProxyIsAnsweredByItsRoute() throws Exception {
        try (TestServer proxy = TestServer.start(dir, exampleProxy(1, "listen=udp:127.0.0.1:" + TestServer.freePort()))) {
            SippResult options = Sipp.optionsUac(proxy.udp()).rate(20).calls(10).timeout(Duration.ofSeconds(10)).run(dir);
            assertTrue(options.clean(10), options::describe);
            assertEquals(10, proxy.stats().localReplies());
            assertEquals(0, proxy.stats().forwarded());
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void uacToUasOverTcp() throws Exception {
        int port = TestServer.freePort();
        // SIPp's uac names no transport in its R-URIs (and sends ACK and BYE to the same URI),
        // so the route names the UAS's TCP address itself
        String config = """
                listen=tcp:127.0.0.1:%d
                loadmodule "maxfwd.so"
                loadmodule "textops.so"
                route {
                	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                	append_hf("X-Proxied: yes\\r\\n");
                	forward("tcp:127.0.0.1:UAS_PORT");
                }
                """.formatted(port);
        try (SippProcess uas = Sipp.uas().tcp().calls(10).timeout(Duration.ofSeconds(20)).start(dir);
             TestServer proxy = TestServer.start(dir, config.replace("UAS_PORT", Integer.toString(uas.port())))) {
            SippResult uac = Sipp.uac(uas.address()).tcp().sendTo(proxy.tcp()).rate(10).calls(10)
                    .timeout(Duration.ofSeconds(15)).run(dir);
            assertTrue(uac.clean(10), uac::describe);
            SippResult server = uas.await();
            assertTrue(server.served(10), server::describe);
        }
    }
}
