package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.sipbridge.server.SipTestMessages.firstLine;
import static org.sipbridge.server.SipTestMessages.header;
import static org.sipbridge.server.SipTestMessages.nextNot;
import static org.sipbridge.server.SipTestMessages.replyTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 1.11 tm script interface one function or parameter at a time, over hand-written UDP
 * messages: t_relay's flags (0x01 no 100, 0x02 no error reply, 0x08 the CANCEL's Reason
 * downstream), t_set_fr and t_is_expired, restart_fr_on_each_reply, t_local_replied,
 * onreply_avp_mode, $T_ruri, t_flush_flags, t_replicate.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TmInterfaceTest extends ProxyBetweenPeersTestBase {
    private void start(String more, String routes) throws Exception {
        proxy = TestServer.start(dir, """
                listen=udp:127.0.0.1:%d
                loadmodule "tm.so"
                modparam("tm", "T1_timer", 100)
                %s
                %s
                """.formatted(TestServer.freePort(), more, routes));
    }

    private String request(String method, String branch, String extra) {
        return method + " sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a1\n"
                + "To: <sip:bob@example.com>\n"
                + "Call-ID: " + branch + "@test\n"
                + "CSeq: 1 " + method + "\n"
                + extra
                + "Content-Length: 0\n\n";
    }

    @Test
    void flag0x01SendsNo100TryingAndFlag0x02NoErrorReply() throws Exception {
        start("", """
                route {
                	if ($rU == "nohop") {
                		if (!t_relay("tcp:127.0.0.1:9", "0x02")) { sl_send_reply("503", "Own Answer"); }
                		exit;
                	}
                	if ($rU == "errhop") { t_relay("tcp:127.0.0.1:9"); exit; }
                	t_relay("0x01");
                }
                """);
        client.send(proxy.udp(), request("INVITE", "z9hG4bKno100", ""));
        String forwarded = uas.expect();
        assertTrue(forwarded.startsWith("INVITE "), forwarded);
        uas.send(proxy.udp(), replyTo(forwarded, "180 Ringing"));
        assertEquals("SIP/2.0 180 Ringing", firstLine(client.expect()), "no 100 Trying before it");

        // no TCP listener: the branch cannot be sent; 0x02 leaves the answer to the script
        client.send(proxy.udp(), request("INVITE", "z9hG4bKnoerr", "").replace("sip:bob@", "sip:nohop@"));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        assertEquals("SIP/2.0 503 Own Answer", firstLine(client.expect()));
        // without it, t_relay answers 500 itself and the script ends
        client.send(proxy.udp(), request("INVITE", "z9hG4bKerr", "").replace("sip:bob@", "sip:errhop@"));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        assertEquals("SIP/2.0 500 Unable to forward", firstLine(client.expect()));
        // nothing else but retransmissions of that 500 (timer G, until an ACK)
        for (String more = client.receive(300); more != null; more = client.receive(300)) {
            assertEquals("SIP/2.0 500 Unable to forward", firstLine(more));
            client.send(proxy.udp(), request("ACK", "z9hG4bKerr", "").replace("sip:bob@", "sip:errhop@"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCancelFromUpstreamGoesDownWithAReason(boolean passReason) throws Exception {
        start("", """
                route {
                	if (is_method("CANCEL")) { t_relay("%s"); exit; }
                	t_relay();
                }
                """.formatted(passReason ? "0x08" : "0"));
        String invite = request("INVITE", "z9hG4bKreason", "");
        client.send(proxy.udp(), invite);
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "180 Ringing"));
        assertEquals("SIP/2.0 180 Ringing", firstLine(client.expect()));
        client.send(proxy.udp(), request("CANCEL", "z9hG4bKreason", "Reason: Q.850;cause=16;text=\"Normal\"\n"));
        assertEquals("SIP/2.0 200 OK", firstLine(client.expect()));
        String cancel = nextNot(uas, "INVITE");
        assertEquals("CANCEL", firstLine(cancel).substring(0, 6), cancel);
        assertEquals(passReason ? "Q.850;cause=16;text=\"Normal\"" : "SIP;cause=487;text=\"ORIGINATOR_CANCEL\"",
                header(cancel, "Reason"), cancel);
        uas.send(proxy.udp(), replyTo(cancel, "200 OK"));
        uas.send(proxy.udp(), replyTo(forwarded, "487 Request Terminated"));
        assertEquals("SIP/2.0 487 Request Terminated", firstLine(client.expect()));
    }

    @Test
    void tSetFrGivesThisTransactionItsOwnTimeoutsAndTIsExpiredSeesThem() throws Exception {
        start("", """
                route {
                	t_on_failure("f");
                	t_set_fr(400, 300);
                	t_relay();
                	exit;
                }
                failure_route[f] {
                	if (t_check_status("408") && t_is_expired()) { t_reply("480", "Expired"); exit; }
                	t_reply("500", "Not Expired");
                }
                """);
        // INVITE: after the 180, fr_inv_timeout (400 ms, not the default 120 s) ends the branch
        client.send(proxy.udp(), request("INVITE", "z9hG4bKsetfr", ""));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "180 Ringing"));
        assertEquals("SIP/2.0 180 Ringing", firstLine(client.expect()));
        long t0 = System.nanoTime();
        String expired = client.expect();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("SIP/2.0 480 Expired", firstLine(expired));
        assertTrue(ms < 5000, "the 480 came " + ms + " ms after the 180");
        // the branch that rang is CANCELled
        assertEquals("CANCEL", firstLine(nextNot(uas, "INVITE")).substring(0, 6));

        // non-INVITE: fr_timeout 300 ms instead of 30 s; nobody answers
        client.send(proxy.udp(), request("MESSAGE", "z9hG4bKsetfrmsg", ""));
        assertEquals("SIP/2.0 480 Expired", firstLine(client.expect()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void restartFrOnEachReply(int restart) throws Exception {
        start("modparam(\"tm\", \"restart_fr_on_each_reply\", " + restart + ")", """
                route {
                	t_set_fr(1500);
                	t_relay();
                }
                """);
        client.send(proxy.udp(), request("INVITE", "z9hG4bKrestart" + restart, ""));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "180 Ringing"));
        assertEquals("SIP/2.0 180 Ringing", firstLine(client.expect()));
        Thread.sleep(1000);
        uas.send(proxy.udp(), replyTo(forwarded, "183 Session Progress"));
        assertEquals("SIP/2.0 183 Session Progress", firstLine(client.expect()));
        long t0 = System.nanoTime();
        String timeout = client.expect();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("SIP/2.0 408 Request Timeout", firstLine(timeout));
        // 0: the timer runs from the first provisional reply (~500 ms left at the 183);
        // 1: each provisional reply starts it again (~1500 ms after the 183)
        if (restart == 0) {
            assertTrue(ms < 1000, "408 " + ms + " ms after the 183");
        } else {
            assertTrue(ms >= 1000, "408 " + ms + " ms after the 183");
        }
    }

    @Test
    void tLocalRepliedOnreplyAvpModeZeroAndTRuri() throws Exception {
        start("", """
                route {
                	$avp(a) = "request";
                	t_on_reply("r");
                	t_on_failure("f");
                	t_relay();
                	exit;
                }
                onreply_route[r] {
                	if ($avp(a) == NULL) { append_hf("X-Seen: no-avp $T_ruri\\r\\n"); }
                }
                failure_route[f] {
                	if (t_local_replied("all")) { t_reply("480", "All Local"); exit; }
                	if (!t_local_replied("last")) { t_reply("480", "Last Relayed"); exit; }
                	t_reply("500", "Unexpected");
                }
                """);
        // a 180 went up from downstream: not every reply was ours, nor the last
        client.send(proxy.udp(), request("INVITE", "z9hG4bKlocal1", ""));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "180 Ringing"));
        String ringing = client.expect();
        assertEquals("SIP/2.0 180 Ringing", firstLine(ringing));
        assertEquals("no-avp sip:bob@127.0.0.1:" + uas.port(), header(ringing, "X-Seen"), ringing);
        uas.send(proxy.udp(), replyTo(forwarded, "486 Busy Here"));
        assertEquals("SIP/2.0 480 Last Relayed", firstLine(client.expect()));

        // only our 100 went up: every reply was ours
        client.send(proxy.udp(), request("INVITE", "z9hG4bKlocal2", ""));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String second = nextNot(uas, "ACK");
        uas.send(proxy.udp(), replyTo(second, "486 Busy Here"));
        assertEquals("SIP/2.0 480 All Local", firstLine(client.expect()));
    }

    @Test
    void tFlushFlagsGivesTheTransactionTheFlagsSetAfterTRelay() throws Exception {
        start("", """
                route {
                	t_on_failure("f");
                	t_relay();
                	setflag(4);
                	t_flush_flags();
                	setflag(5);
                	exit;
                }
                failure_route[f] {
                	if (isflagset(4) && !isflagset(5)) { t_reply("480", "Flushed"); exit; }
                	t_reply("500", "Not Flushed");
                }
                """);
        client.send(proxy.udp(), request("INVITE", "z9hG4bKflush", ""));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "404 Not Found"));
        assertEquals("SIP/2.0 480 Flushed", firstLine(client.expect()));
    }

    @Test
    void tReplicateSendsACopyWhoseRepliesStayHere() throws Exception {
        try (UdpPeer copy = new UdpPeer()) {
            start("", """
                    route {
                    	if (!t_replicate("sip:127.0.0.1:%d")) { sl_send_reply("500", "Not Replicated"); exit; }
                    	sl_send_reply("200", "Saved");
                    }
                    """.formatted(copy.port()));
            client.send(proxy.udp(), request("REGISTER", "z9hG4bKrepl", ""));
            String replicated = copy.expect();
            assertTrue(replicated.startsWith("REGISTER sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0"), replicated);
            assertEquals("SIP/2.0 200 Saved", firstLine(client.expect()));
            copy.send(proxy.udp(), replyTo(replicated, "200 OK"));
            assertNull(client.receive(400), "the replica's reply stays at the proxy");
            assertNull(uas.receive(100), "only the replica went downstream");
            assertNotNull(replicated);
        }
    }
}
