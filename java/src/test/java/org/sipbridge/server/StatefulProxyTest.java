package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.tm.TmStats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.sipbridge.server.SipTestMessages.firstLine;
import static org.sipbridge.server.SipTestMessages.header;
import static org.sipbridge.server.SipTestMessages.nextNotInvite;
import static org.sipbridge.server.SipTestMessages.replyTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sipbridge's transaction layer driven by hand-written UDP messages: bad input (a CANCEL for
 * nothing, a flood of retransmissions, replies that match no transaction), RFC 2543 matching,
 * the hop-by-hop ACK of a negative reply, stateless and stateful in one script, and the
 * tables emptied by the wait timers.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatefulProxyTest extends ProxyBetweenPeersTestBase {
    private static final Pattern TM_BRANCH = Pattern.compile("branch=(z9hG4bKsbt[0-9a-fw.x]+)\r\n");

    private void start(String route) throws Exception {
        proxy = TestServer.start(dir, """
                listen=udp:127.0.0.1:%d
                loadmodule "tm.so"
                modparam("tm", "T1_timer", 100)
                modparam("tm", "T4_timer", 200)
                route {
                %s
                }
                """.formatted(TestServer.freePort(), route));
    }

    private String request(String method, String via, String cseq, String to) {
        return method + " sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\n"
                + "Via: " + via + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a1\n"
                + "To: " + to + "\n"
                + "Call-ID: call-1@test\n"
                + "CSeq: " + cseq + "\n"
                + "Content-Length: 0\n\n";
    }

    private String invite(String branch) {
        return request("INVITE", "SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=" + branch, "1 INVITE",
                "<sip:bob@example.com>");
    }

    /** Whatever else the peer gets within 300 ms apart from INVITE retransmissions; null for nothing. */
    private static String drainInvites(UdpPeer peer) {
        for (String s = peer.receive(300); s != null; s = peer.receive(300)) {
            if (!s.startsWith("INVITE ")) {
                return s;
            }
        }
        return null;
    }

    private TmStats tm() {
        return proxy.server.transactionStats();
    }

    @Test
    void theStartupSummarySaysSipbridgeServesTm() throws Exception {
        start("\tt_relay();");
        assertTrue(proxy.server.summary().stream().anyMatch(l -> l.matches("\\s+tm\\s+.*Java transaction layer.*Java")),
                String.join("\n", proxy.server.summary()));
    }

    @Test
    void aRouteNameThatIsNoRouteIsRefusedAtStartAs111Does() {
        // serial_183.cfg of the 1.11 tree: SER's t_on_failure("0") for "none"; 1.11's fixup refuses it
        ServerException e = org.junit.jupiter.api.Assertions.assertThrows(ServerException.class, () -> start("""
                	t_on_failure("1");
                	t_relay();
                }
                onreply_route[1] {
                	t_on_failure("0");
                }
                failure_route[1] {
                	t_relay();"""));
        assertTrue(e.getMessage().contains(":10:2: ") && e.getMessage().contains("failure route <0> does not exist"),
                e.getMessage());
        ServerException r = org.junit.jupiter.api.Assertions.assertThrows(ServerException.class,
                () -> start("\tt_on_reply(\"nosuch\");\n\tt_relay();"));
        assertTrue(r.getMessage().contains("onreply route <nosuch> does not exist"), r.getMessage());
    }

    @Test
    void aCancelForNothingGets481() throws Exception {
        start("\tt_relay();");
        client.send(proxy.udp(), request("CANCEL", "SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKnone",
                "1 CANCEL", "<sip:bob@example.com>"));
        assertEquals("SIP/2.0 481 Call/Transaction Does Not Exist", firstLine(client.expect()));
        assertNull(uas.receive(300), "nothing goes downstream");
        assertEquals(1, tm().unmatchedCancels.sum());
        assertEquals(0, tm().created.sum());
    }

    @Test
    void aFloodOfRetransmissionsMakesOneTransaction() throws Exception {
        start("\tt_relay();");
        for (int i = 0; i < 50; i++) {
            client.send(proxy.udp(), invite("z9hG4bKflood"));
        }
        String forwarded = uas.expect();
        assertTrue(forwarded.startsWith("INVITE "), forwarded);
        int trying = 0;
        for (String s = client.receive(500); s != null; s = client.receive(300)) {
            assertEquals("SIP/2.0 100 Trying", firstLine(s));
            trying++;
        }
        assertEquals(50, trying, "the 100 Trying, then again for every retransmission");
        assertEquals(1, tm().created.sum(), tm()::toString);
        assertEquals(49, tm().retransmissions.sum(), tm()::toString);
        assertEquals(1, tm().inUse.sum());
        uas.send(proxy.udp(), replyTo(forwarded, "200 OK"));
        assertEquals("SIP/2.0 200 OK", firstLine(client.expect()));
    }

    @Test
    void aNegativeReplyIsAckedHopByHopAndItsAckAbsorbed() throws Exception {
        start("\tt_relay();");
        client.send(proxy.udp(), invite("z9hG4bKneg"));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        Matcher b = TM_BRANCH.matcher(forwarded);
        assertTrue(b.find(), forwarded);
        uas.send(proxy.udp(), replyTo(forwarded, "486 Busy Here"));
        String ack = nextNotInvite(uas);
        assertEquals("ACK sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0", firstLine(ack));
        assertTrue(ack.contains(";branch=" + b.group(1) + "\r\n"), ack);
        assertTrue(ack.contains("To: <sip:bob@example.com>;tag=b2\r\n"), ack);
        assertTrue(ack.contains("CSeq: 1 ACK\r\n"), ack);
        String busy = client.expect();
        assertEquals("SIP/2.0 486 Busy Here", firstLine(busy));
        // the client's ACK of the 486 ends at the proxy
        client.send(proxy.udp(), request("ACK", "SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKneg",
                "1 ACK", "<sip:bob@example.com>;tag=b2"));
        assertNull(drainInvites(uas), "the ACK is absorbed");
        assertEquals(1, tm().acksAbsorbed.sum());
        // timer I (T4 = 200 ms) frees the server transaction
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tm().inUse.sum() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, tm().inUse.sum(), tm()::toString);
    }

    @Test
    void rfc2543RequestsAreMatchedWithoutTheMagicCookie() throws Exception {
        start("\tt_relay();");
        String via = "SIP/2.0/UDP 127.0.0.1:" + client.port();
        client.send(proxy.udp(), request("INVITE", via, "7 INVITE", "<sip:bob@example.com>"));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        client.send(proxy.udp(), request("INVITE", via, "7 INVITE", "<sip:bob@example.com>"));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()), "retransmission answered");
        uas.send(proxy.udp(), replyTo(forwarded, "404 Not Found"));
        assertEquals("ACK", firstLine(nextNotInvite(uas)).substring(0, 3));
        assertEquals("SIP/2.0 404 Not Found", firstLine(client.expect()));
        client.send(proxy.udp(), request("ACK", via, "7 ACK", "<sip:bob@example.com>;tag=b2"));
        assertNull(drainInvites(uas), "the ACK of the 404 matched the INVITE and was absorbed");
        assertEquals(1, tm().created.sum());
        assertEquals(1, tm().acksAbsorbed.sum());
    }

    @Test
    void statelessAndStatefulMixAndUnmatchedRepliesAreRelayedStatelessly() throws Exception {
        start("""
                	if (is_method("MESSAGE")) { forward(); exit; }
                	t_relay();
                """);
        client.send(proxy.udp(), request("MESSAGE", "SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKm1",
                "1 MESSAGE", "<sip:bob@example.com>"));
        String forwarded = uas.expect();
        assertTrue(!TM_BRANCH.matcher(forwarded).find(), "forward() keeps its stateless branch");
        uas.send(proxy.udp(), replyTo(forwarded, "200 OK"));
        assertEquals("SIP/2.0 200 OK", firstLine(client.expect()));
        assertEquals(0, tm().created.sum());
        assertEquals(0, tm().replies.sum());
        assertEquals(1, proxy.await(ServerStats::relayed, 1));
    }

    @Test
    void tReplyAfterTNewtranAndTheReplyToItsRetransmission() throws Exception {
        start("""
                	if (!t_newtran()) { exit; }
                	t_reply("488", "Not Here $T_reply_code");
                """);
        client.send(proxy.udp(), invite("z9hG4bKreply"));
        assertEquals("SIP/2.0 488 Not Here 0", firstLine(client.expect()));
        client.send(proxy.udp(), invite("z9hG4bKreply"));
        assertEquals("SIP/2.0 488 Not Here 0", firstLine(client.expect()), "the same reply, not the script again");
        assertNull(uas.receive(200));
        assertEquals(1, tm().created.sum());
    }

    @Test
    void aTmFileOnMpathWinsOverSipbridgesOwn() throws Exception {
        Path mpath = dir.resolve("mods");
        Files.createDirectories(mpath);
        Files.copy(org.sipbridge.testing.TestModules.dir().resolve("example.so"), mpath.resolve("tm.so"));
        Path cfg = dir.resolve("c-tm.cfg");
        Files.writeString(cfg, """
                listen=udp:127.0.0.1:%d
                mpath="%s"
                loadmodule "tm.so"
                route { forward(); }
                """.formatted(TestServer.freePort(), mpath));
        try (SipServer s = SipServer.start(cfg, ServerOptions.defaults().withWorkingDirectory(dir))) {
            assertNull(s.transactionStats(), "no Java transaction layer when a tm.so was found");
            assertTrue(s.summary().stream().noneMatch(l -> l.contains("Java transaction layer")), 
                    String.join("\n", s.summary()));
            assertTrue(s.summary().stream().anyMatch(l -> l.matches("\\s+example\\s.*")), 
                    String.join("\n", s.summary()));
        }
    }

    @Test
    void examplesStatefulCfgSendsABusyCallToTheSecondDestination() throws Exception {
        try (UdpPeer voicemail = new UdpPeer()) {
            String cfg = Files.readString(org.sipbridge.testing.TestModules.repo().resolve("examples/stateful.cfg"))
                    .replace("listen=udp:127.0.0.1:5070", "listen=udp:127.0.0.1:" + TestServer.freePort())
                    .replace("sip:127.0.0.1:5080", "sip:127.0.0.1:" + voicemail.port())
                    .replaceFirst("(?m)^mpath=.*$", "");
            proxy = TestServer.start(dir, cfg);
            client.send(proxy.udp(), invite("z9hG4bKex1"));
            assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
            String first = uas.expect();
            assertTrue(first.contains("Max-Forwards: 69\r\n"), first);
            uas.send(proxy.udp(), replyTo(first, "486 Busy Here"));
            assertEquals("ACK", firstLine(nextNotInvite(uas)).substring(0, 3));
            String second = voicemail.expect();
            assertEquals("INVITE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0", firstLine(second));
            voicemail.send(proxy.udp(), replyTo(second, "200 OK"));
            assertEquals("SIP/2.0 200 OK", firstLine(client.expect()), "the 486 never reached the caller");
            assertEquals(2, tm().branches.sum());
        }
    }

    @Test
    void parallelForkingWithBranchAndReplyRoutesAndStateThatTravels() throws Exception {
        try (UdpPeer uas2 = new UdpPeer()) {
            proxy = TestServer.start(dir, """
                    listen=udp:127.0.0.1:%d
                    loadmodule "tm.so"
                    modparam("tm", "onreply_avp_mode", 1)
                    route {
                    	$avp(who) = "alice-avp";
                    	setflag(3);
                    	t_on_branch("b");
                    	t_on_reply("all");
                    	append_branch("sip:carol@127.0.0.1:%d");
                    	t_relay();
                    	exit;
                    }
                    branch_route[b] {
                    	if ($T_branch_idx == 1) { t_on_reply("second"); }
                    }
                    onreply_route[all] {
                    	if (isflagset(3)) { append_hf("X-Route: all $T_branch_idx $T_reply_code $avp(who)\r\n"); }
                    }
                    onreply_route[second] {
                    	append_hf("X-Route: second $T_branch_idx $T_ruri\r\n");
                    }
                    """.formatted(TestServer.freePort(), uas2.port()));
            client.send(proxy.udp(), invite("z9hG4bKpar"));
            assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
            String toBob = uas.expect();
            String toCarol = uas2.expect();
            assertEquals("INVITE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0", firstLine(toBob));
            assertEquals("INVITE sip:carol@127.0.0.1:" + uas2.port() + " SIP/2.0", firstLine(toCarol));
            uas.send(proxy.udp(), replyTo(toBob, "180 Ringing"));
            String ringing = client.expect();
            assertEquals("SIP/2.0 180 Ringing", firstLine(ringing));
            assertEquals("all 0 180 alice-avp", header(ringing, "X-Route"), ringing);
            uas2.send(proxy.udp(), replyTo(toCarol, "200 OK"));
            String ok = client.expect();
            assertEquals("SIP/2.0 200 OK", firstLine(ok));
            assertEquals("second 1 sip:carol@127.0.0.1:" + uas2.port(), header(ok, "X-Route"));
            // the 2xx cancels the other branch, which had rung
            String cancel = nextNotInvite(uas);
            assertEquals("CANCEL sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0", firstLine(cancel));
            assertEquals(header(toBob, "Via").split(",")[0], header(cancel, "Via"));
            assertTrue(cancel.contains("CSeq: 1 CANCEL\r\n"), cancel);
            uas.send(proxy.udp(), replyTo(cancel, "200 OK"));
            uas.send(proxy.udp(), replyTo(toBob, "487 Request Terminated"));
            assertEquals("ACK", firstLine(nextNotInvite(uas)).substring(0, 3));
            assertNull(client.receive(300), "nothing more upstream after the 2xx");
        }
    }

    @Test
    void a6xxEndsTheForkingWithoutTheFailureRoute() throws Exception {
        try (UdpPeer uas2 = new UdpPeer()) {
            proxy = TestServer.start(dir, """
                    listen=udp:127.0.0.1:%d
                    loadmodule "tm.so"
                    route {
                    	t_on_failure("f");
                    	append_branch("sip:carol@127.0.0.1:%d");
                    	t_relay();
                    	exit;
                    }
                    failure_route[f] {
                    	t_reply("500", "Failure Route Ran");
                    }
                    """.formatted(TestServer.freePort(), uas2.port()));
            client.send(proxy.udp(), invite("z9hG4bK6xx"));
            assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
            String toBob = uas.expect();
            String toCarol = uas2.expect();
            uas2.send(proxy.udp(), replyTo(toCarol, "180 Ringing"));
            assertEquals("SIP/2.0 180 Ringing", firstLine(client.expect()));
            uas.send(proxy.udp(), replyTo(toBob, "603 Decline"));
            assertEquals("ACK", firstLine(nextNotInvite(uas)).substring(0, 3));
            String cancel = nextNotInvite(uas2);
            assertEquals("CANCEL", firstLine(cancel).substring(0, 6));
            uas2.send(proxy.udp(), replyTo(cancel, "200 OK"));
            assertNull(client.receive(200), "the 6xx waits for the cancelled branch");
            uas2.send(proxy.udp(), replyTo(toCarol, "487 Request Terminated"));
            assertEquals("SIP/2.0 603 Decline", firstLine(client.expect()));
        }
    }

    @Test
    void theFailureRouteSeesTheTransactionsFlagsAndAvpsAndMayAnswerItself() throws Exception {
        proxy = TestServer.start(dir, """
                listen=udp:127.0.0.1:%d
                loadmodule "tm.so"
                route {
                	$avp(x) = "kept";
                	setflag(5);
                	t_on_failure("f");
                	t_relay();
                	$avp(x) = "changed after t_relay";
                	setflag(6);
                	exit;
                }
                failure_route[f] {
                	# 1.11: the request's AVP list is the transaction's once it exists (changes after
                	# t_relay count); its flags are taken at t_relay (later ones need t_flush_flags)
                	if (isflagset(5) && !isflagset(6) && $avp(x) == "changed after t_relay" && t_check_status("404")
                			&& !t_was_cancelled()) {
                		t_reply("480", "Away $T_reply_code $ru");
                	}
                }
                """.formatted(TestServer.freePort()));
        client.send(proxy.udp(), invite("z9hG4bKfl"));
        assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "404 Not Found"));
        assertEquals("SIP/2.0 480 Away 404 sip:bob@127.0.0.1:" + uas.port(), firstLine(client.expect()));
    }

    private static int count(String m, String name) {
        Matcher x = Pattern.compile("(?m)^" + Pattern.quote(name) + ":").matcher(m);
        int n = 0;
        while (x.find()) {
            n++;
        }
        return n;
    }

    /**
     * 1.11 builds each branch from the request and that branch's own changes: a header the
     * branch_route adds goes out on that branch only; what the request route added goes on
     * every branch, serial ones from the failure route too; flags and AVPs the branch routes
     * set travel with the transaction into the failure route.
     */
    @Test
    void branchRouteChangesStayOnTheirBranchAndStateTravelsToTheFailureRoute() throws Exception {
        try (UdpPeer uas2 = new UdpPeer(); UdpPeer uas3 = new UdpPeer()) {
            proxy = TestServer.start(dir, """
                    listen=udp:127.0.0.1:%d
                    loadmodule "tm.so"
                    route {
                    	append_hf("X-Req: all\r\n");
                    	t_on_branch("b");
                    	t_on_failure("f");
                    	append_branch("sip:carol@127.0.0.1:%d");
                    	t_relay();
                    	exit;
                    }
                    branch_route[b] {
                    	append_hf("X-Branch: $T_branch_idx $ru\r\n");
                    	if ($T_branch_idx == 1) { $avp(seen) = "second"; setflag(7); }
                    }
                    failure_route[f] {
                    	if (isflagset(7) && $avp(seen) == "second" && t_check_status("486")) {
                    		append_hf("X-Failure: yes\r\n");
                    		$ru = "sip:dave@127.0.0.1:%d";
                    		t_relay();
                    	}
                    }
                    """.formatted(TestServer.freePort(), uas2.port(), uas3.port()));
            client.send(proxy.udp(), invite("z9hG4bKiso"));
            assertEquals("SIP/2.0 100 Trying", firstLine(client.expect()));
            String toBob = uas.expect();
            String toCarol = uas2.expect();
            assertEquals("all", header(toBob, "X-Req"), toBob);
            assertEquals(1, count(toBob, "X-Branch"), toBob);
            assertEquals("0 sip:bob@127.0.0.1:" + uas.port(), header(toBob, "X-Branch"));
            assertEquals("all", header(toCarol, "X-Req"), toCarol);
            assertEquals(1, count(toCarol, "X-Branch"), toCarol);
            assertEquals("1 sip:carol@127.0.0.1:" + uas2.port(), header(toCarol, "X-Branch"));

            uas.send(proxy.udp(), replyTo(toBob, "486 Busy Here"));
            assertEquals("ACK", firstLine(nextNotInvite(uas)).substring(0, 3));
            uas2.send(proxy.udp(), replyTo(toCarol, "486 Busy Here"));
            assertEquals("ACK", firstLine(nextNotInvite(uas2)).substring(0, 3));

            String toDave = uas3.expect();
            assertEquals("INVITE sip:dave@127.0.0.1:" + uas3.port() + " SIP/2.0", firstLine(toDave));
            assertEquals(1, count(toDave, "X-Req"), toDave);
            assertEquals("yes", header(toDave, "X-Failure"), toDave);
            assertEquals(1, count(toDave, "X-Branch"), toDave);
            assertEquals("2 sip:dave@127.0.0.1:" + uas3.port(), header(toDave, "X-Branch"));
            uas3.send(proxy.udp(), replyTo(toDave, "200 OK"));
            assertEquals("SIP/2.0 200 OK", firstLine(client.expect()));
        }
    }
}
