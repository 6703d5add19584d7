package org.sipbridge.runtime;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.TestServer;
import org.sipbridge.server.UdpPeer;
import org.sipbridge.testing.LogCapture;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transaction AVPs as 1.11's tm keeps them (avplist module, the same usr_avp.h calls tm
 * makes): the request's $avp list moves into a transaction and stays current, so what the
 * script sets after the call is the transaction's too; a failure route run with the
 * transaction's list current (on a worker and on the timer thread) sees the request's
 * $avps and leaves values C finds in that list; the next message starts with no AVPs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AvpListsTest {
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ([^\r\n]*)");

    @TempDir
    Path dir;

    private String config() {
        return """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "avplist.so"
                modparam("avplist", "failure_route", "fr")
                route {
                	if ($avp(early) != NULL || $avp(seen) != NULL) { sl_send_reply("500", "Leaked $avp(early)"); exit; }
                	if ($hdr(X-Case) == "keep") {
                		$avp(early) = "before";
                		$avp(num) = 5;
                		al_keep();
                		$avp(late) = "after";
                		$avp(late) = "after2";
                		if ($avp(early) != "before" || $avp(late)[*] != "after2,after") { sl_send_reply("500", "Script Lost $avp(early)"); exit; }
                		if (al_count("late") && al_count("early") && al_count("num")) sl_send_reply("200", "Kept"); else sl_send_reply("500", "Not Kept");
                		exit;
                	}
                	if ($hdr(X-Case) == "fail") {
                		if (al_fail()) sl_send_reply("200", "Failure Saw AVPs"); else sl_send_reply("500", "Failure Blind");
                		exit;
                	}
                	if ($hdr(X-Case) == "arm") { al_arm(); sl_send_reply("200", "Armed"); exit; }
                	if ($hdr(X-Case) == "timer") {
                		if (al_timer_ok()) sl_send_reply("200", "Timer Saw AVPs"); else sl_send_reply("500", "Timer Not Yet");
                		exit;
                	}
                	if ($hdr(X-Case) == "ctx") {
                		if ($(<al_request>hdr(X-Case)) == NULL && $T_ruri == NULL) { sl_send_reply("200", "No Context Yet"); exit; }
                		if ($(<al_request>hdr(X-Case)) == "keep" && $(<al_request>ru) == "sip:bob@example.com"
                				&& $(<al_request>ci) != $ci && $(<al_request>hdr(X-Case){s.len}) == 4 && $T_ruri == "sip:bob@example.com") {
                			sl_send_reply("200", "Context $(<al_request>hdr(X-Case)) $(<al_request>ci)");
                		} else {
                			sl_send_reply("500", "Context Wrong $(<al_request>hdr(X-Case)) $T_ruri");
                		}
                		exit;
                	}
                	if ($hdr(X-Case) == "bad") {
                		if (al_bad() && $(<nosuch>ru) == NULL) sl_send_reply("200", "Bad Input Refused"); else sl_send_reply("500", "Bad Input Accepted");
                		exit;
                	}
                	if ($hdr(X-Case) == "free") {
                		if (al_free() && !al_count("late")) sl_send_reply("200", "Freed"); else sl_send_reply("500", "Not Freed");
                		exit;
                	}
                	sl_send_reply("404", "No Case");
                }
                failure_route[fr] {
                	$avp(seen) = NULL;
                	if ($avp(early) == "before" && $avp(late) == "after2" && $avp(late)[1] == "after" && $avp(num) == 5) {
                		$avp(seen) = "yes";
                	}
                }
                """.formatted(TestServer.freePort());
    }

    @Test
    void aFailureRouteSeesTheAvpsOfItsTransactionOnAWorkerAndOnTheTimerThread() throws Exception {
        try (TestServer server = TestServer.start(dir, config()); UdpPeer uac = new UdpPeer()) {
            int n = 0;
            assertEquals("200 Kept", status(server, uac, "keep", ++n));
            for (int i = 0; i < 4; i++) {   // different Call-IDs: both workers
                assertEquals("200 Failure Saw AVPs", status(server, uac, "fail", ++n));
            }
            assertEquals("200 Armed", status(server, uac, "arm", ++n));
            String timer = "";
            for (int i = 0; i < 50 && !timer.equals("200 Timer Saw AVPs"); i++) {
                Thread.sleep(50);
                timer = status(server, uac, "timer", ++n);
            }
            assertEquals("200 Timer Saw AVPs", timer);
            assertEquals("200 Freed", status(server, uac, "free", ++n));
            // a keep after a free: a new transaction, same result
            assertEquals("200 Kept", status(server, uac, "keep", ++n));
            assertEquals("200 Failure Saw AVPs", status(server, uac, "fail", ++n));
        }
    }

    @Test
    void aPvContextReadsTheMessageTheModuleGivesAndAModuleItemReplacesTheJavaTmName() throws Exception {
        try (TestServer server = TestServer.start(dir, config()); UdpPeer uac = new UdpPeer()) {
            assertEquals("200 No Context Yet", status(server, uac, "ctx", 1));
            assertEquals("200 Kept", status(server, uac, "keep", 2));
            assertEquals("200 Context keep avplist-2@test", status(server, uac, "ctx", 3));
        }
    }

    @Test
    void badInputToTheListsAndAnUnknownContextAreErrorsNotCrashes() throws Exception {
        try (TestServer server = TestServer.start(dir, config()); UdpPeer uac = new UdpPeer();
             LogCapture core = new LogCapture("core", Level.DEBUG);
             LogCapture script = new LogCapture("org.sipbridge.script", Level.DEBUG)) {
            assertEquals("200 Bad Input Refused", status(server, uac, "bad", 1));
            assertTrue(core.messages().stream().anyMatch(m -> m.contains("bad AVP id -1")), core.messages().toString());
            assertTrue(core.messages().stream().anyMatch(m -> m.contains("bad string value")), core.messages().toString());
            assertTrue(script.messages().stream().anyMatch(m -> m.contains("no module registered the pv context <nosuch>")),
                    script.messages().toString());
            assertEquals("200 Kept", status(server, uac, "keep", 2), "the server goes on");
        }
    }

    private static String status(TestServer server, UdpPeer uac, String xcase, int n) {
        uac.send(server.udp(), "MESSAGE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + uac.port() + ";branch=z9hG4bKal" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a" + n + "\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: avplist-" + n + "@test\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "X-Case: " + xcase + "\r\n"
                + "Content-Length: 0\r\n\r\n");
        String r = uac.receive(5_000);
        assertNotNull(r, "reply to " + xcase);
        Matcher m = STATUS.matcher(r);
        assertTrue(m.find(), r);
        return m.group(1) + " " + m.group(2);
    }
}
