package org.sipbridge.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.TestServer;
import org.sipbridge.server.UdpPeer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core services OpenSIPS 1.11's tm relies on, exercised through the tmglue test module
 * the way tm uses them (the real tm itself runs in scripts/check-opensips-compat.sh
 * --stateful): a request built into shm and sent with msg_send, replies to it consumed by
 * the module's response_f before the stateless path (also a reply with only our Via),
 * other replies relayed, a utimer on the timer thread keeping branch flags without a
 * message, and the pvar / AVP-list / builder helpers with their bad-input errors.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TmCoreServicesTest {
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ([^\r\n]*)");

    @TempDir
    Path dir;

    private String config() {
        return """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "tmglue.so"
                route {
                	if ($hdr(X-Case) == "relay") { tg_relay(); exit; }
                	if ($hdr(X-Case) == "count") {
                		if (tg_count("2")) sl_send_reply("200", "Consumed"); else sl_send_reply("500", "Not Consumed");
                		exit;
                	}
                	if ($hdr(X-Case) == "timer") {
                		if (tg_timer()) sl_send_reply("200", "Timer Ok"); else sl_send_reply("500", "Timer Wrong");
                		exit;
                	}
                	tg_checks(); $var(r) = $rc;
                	if ($var(r) == 1) sl_send_reply("200", "Checks Passed"); else sl_send_reply("500", "Check $var(r)");
                }
                """.formatted(TestServer.freePort());
    }

    @Test
    void repliesToTheModulesRequestsAreConsumedByItsResponseFunctionBeforeTheStatelessPath() throws Exception {
        try (TestServer server = TestServer.start(dir, config()); UdpPeer uac = new UdpPeer(); UdpPeer uas = new UdpPeer()) {
            uac.send(server.udp(), request(uac, "INVITE", "sip:bob@127.0.0.1:" + uas.port(), "relay", 1));
            String sent = uas.receive(5_000);
            assertNotNull(sent, "the module's request reached the UAS");
            String[] lines = sent.split("\r\n");
            String ourVia = lines[1];
            String uacVia = lines[2];
            assertTrue(ourVia.startsWith("Via: SIP/2.0/UDP 127.0.0.1:" + server.udp().getPort() + ";branch=z9hG4bKtg-"),
                    "our Via with the module's branch first: " + sent);
            assertTrue(uacVia.startsWith("Via: SIP/2.0/UDP 127.0.0.1:" + uac.port()), sent);

            // a reply of the module's branch: consumed, the UAC gets nothing
            uas.send(server.udp(), reply(200, ourVia + "\r\n" + uacVia, 1));
            // one with only our Via (a request the module sent on its own): consumed too
            uas.send(server.udp(), reply(180, ourVia, 1));
            assertNull(uac.receive(500), "consumed replies are not relayed");

            // a reply with our Via but a branch that is not the module's: relayed statelessly
            String otherVia = "Via: SIP/2.0/UDP 127.0.0.1:" + server.udp().getPort() + ";branch=z9hG4bKnotmine";
            uas.send(server.udp(), reply(486, otherVia + "\r\n" + uacVia, 1));
            String relayed = uac.receive(5_000);
            assertNotNull(relayed, "the module let the other reply go on");
            assertTrue(relayed.startsWith("SIP/2.0 486 "), relayed);

            assertEquals("200 Consumed", status(server, uac, "count", 2));
            // core:drop_replies counts what the core dropped, not what a module's response_f took (1.11)
            assertEquals(0, server.stats().scriptDropped(), "replies tm-like modules consume are no drops");
            assertEquals(3, server.stats().replies());
        }
    }

    @Test
    void timerAndHelpersBehaveAsTmExpectsAndBadInputGetsErrors() throws Exception {
        try (TestServer server = TestServer.start(dir, config()); UdpPeer uac = new UdpPeer()) {
            assertEquals("200 Checks Passed", status(server, uac, "checks", 3));
            Thread.sleep(300);   // the 20 ms utimer ran a few times
            assertEquals("200 Timer Ok", status(server, uac, "timer", 4));
        }
    }

    private static String status(TestServer server, UdpPeer uac, String xcase, int n) {
        uac.send(server.udp(), request(uac, "MESSAGE", "sip:bob@example.com", xcase, n));
        String r = uac.receive(5_000);
        assertNotNull(r, "reply to " + xcase);
        Matcher m = STATUS.matcher(r);
        assertTrue(m.find(), r);
        return m.group(1) + " " + m.group(2);
    }

    private static String request(UdpPeer from, String method, String ruri, String xcase, int n) {
        return method + " " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.port() + ";branch=z9hG4bKtgc" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a" + n + "\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: tmglue-" + n + "@test\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "X-Case: " + xcase + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String reply(int code, String vias, int n) {
        return "SIP/2.0 " + code + " Reason\r\n"
                + vias + "\r\n"
                + "From: <sip:alice@example.com>;tag=a" + n + "\r\n"
                + "To: <sip:bob@example.com>;tag=b" + n + "\r\n"
                + "Call-ID: tmglue-" + n + "@test\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
