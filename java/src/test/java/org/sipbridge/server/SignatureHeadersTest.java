package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.sipbridge.server.SipTestMessages.firstLine;
import static org.sipbridge.server.SipTestMessages.nextNotInvite;
import static org.sipbridge.server.SipTestMessages.replyTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenSIPS 1.11's signature settings on the wire: with server_signature on (the default)
 * every reply the server makes itself (sl_send_reply, send_reply, the 400 of a malformed
 * request, tm's 100 Trying, the 200 of a CANCEL, 487, 408, t_reply) carries the Server line,
 * after the reply headers and before Content-Length; every request it makes itself (tm's
 * CANCEL and the hop-by-hop ACK of a negative reply) carries the User-Agent line; with
 * server_signature=no neither. Also 1.11's redirect: a 3xx lists the destination set as
 * Contact.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignatureHeadersTest extends ProxyBetweenPeersTestBase {
    private static final String DEFAULT_SERVER = "Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))\r\n";
    private static final String DEFAULT_UA = "User-Agent: OpenSIPS (1.11.0-sipbridge (x86_64/linux))\r\n";

    private void start(String settings, String route, String more) throws Exception {
        proxy = TestServer.start(dir, """
                listen=udp:127.0.0.1:%d
                %s
                %s
                route {
                %s
                }
                """.formatted(TestServer.freePort(), settings, more, route));
    }

    private String request(String method, String branch, String cseq, String to, String extra) {
        return method + " sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: sig-" + branch + "@test\r\n"
                + "CSeq: " + cseq + "\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    private String invite(String branch) {
        return request("INVITE", branch, "1 INVITE", "<sip:bob@example.com>", "");
    }

    private static void assertEndsWith(String tail, String message) {
        assertTrue(message.endsWith(tail), () -> "expected the message to end with\n" + tail + "\ngot\n" + message);
    }

    @Test
    void statelessRepliesCarryTheDefaultServerLineBeforeContentLength() throws Exception {
        start("", """
                	if (is_method("MESSAGE")) { send_reply("403", "Not Today"); exit; }
                	sl_send_reply("404", "Not Here");
                """, "");
        client.send(proxy.udp(), invite("z9hG4bKs1"));
        String r = client.expect();
        assertEquals("SIP/2.0 404 Not Here", firstLine(r));
        assertEndsWith("CSeq: 1 INVITE\r\n" + DEFAULT_SERVER + "Content-Length: 0\r\n\r\n", r);

        client.send(proxy.udp(), request("MESSAGE", "z9hG4bKs2", "1 MESSAGE", "<sip:bob@example.com>", ""));
        r = client.expect();
        assertEquals("SIP/2.0 403 Not Today", firstLine(r));
        assertEndsWith(DEFAULT_SERVER + "Content-Length: 0\r\n\r\n", r);

        // a malformed request's 400 (built in Java) too
        client.send(proxy.udp(), invite("z9hG4bKs3").replace("Max-Forwards: 70", "Max-Forwards: many"));
        r = client.expect();
        assertEquals("SIP/2.0 400 Malformed Max-Forwards", firstLine(r));
        assertEndsWith(DEFAULT_SERVER + "Content-Length: 0\r\n\r\n", r);
    }

    @Test
    void serverHeaderAsSetAndARedirectListsTheDestinationSet() throws Exception {
        start("server_header=\"Server: Stock Check 1.0\"", """
                	rewriteuri("sip:parallel@siphub.example:9");
                	append_branch("sip:redirect@siphub.example:9");
                	sl_send_reply("300", "Redirect");
                """, "");
        client.send(proxy.udp(), invite("z9hG4bKr1"));
        String r = client.expect();
        assertEquals("SIP/2.0 300 Redirect", firstLine(r));
        assertEndsWith("CSeq: 1 INVITE\r\n"
                + "Contact: <sip:parallel@siphub.example:9>, <sip:redirect@siphub.example:9>\r\n"
                + "Server: Stock Check 1.0\r\n"
                + "Content-Length: 0\r\n\r\n", r);
    }

    @Test
    void theTransactionLayersRepliesAndRequestsCarryServerAndUserAgent() throws Exception {
        start("user_agent_header=\"User-Agent: Stock UA\"", "\tt_relay();\n\texit;", """
                loadmodule "tm.so"
                modparam("tm", "T1_timer", 100)
                """);
        // 100 Trying
        client.send(proxy.udp(), invite("z9hG4bKt1"));
        String trying = client.expect();
        assertEquals("SIP/2.0 100 Trying", firstLine(trying));
        assertEndsWith(DEFAULT_SERVER + "Content-Length: 0\r\n\r\n", trying);
        String forwarded = uas.expect();
        assertFalse(forwarded.contains("User-Agent:"), "a relayed request keeps its own headers: " + forwarded);
        uas.send(proxy.udp(), replyTo(forwarded, "180 Ringing"));
        assertEquals("SIP/2.0 180 Ringing", firstLine(client.expect()));

        // CANCEL: our 200 for it carries Server, the CANCEL we send downstream User-Agent
        client.send(proxy.udp(), request("CANCEL", "z9hG4bKt1", "1 CANCEL", "<sip:bob@example.com>", ""));
        String ok = client.expect();
        assertEquals("SIP/2.0 200 OK", firstLine(ok));
        assertEndsWith(DEFAULT_SERVER + "Content-Length: 0\r\n\r\n", ok);
        String cancel = nextNotInvite(uas);
        assertTrue(cancel.startsWith("CANCEL sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\r\n"), cancel);
        assertEndsWith("Max-Forwards: 70\r\nUser-Agent: Stock UA\r\nContent-Length: 0\r\n\r\n", cancel);
        uas.send(proxy.udp(), replyTo(cancel, "200 OK"));
        // the 487 from downstream is ACKed hop by hop, with User-Agent
        uas.send(proxy.udp(), replyTo(forwarded, "487 Request Terminated"));
        String ack = nextNotInvite(uas);
        assertTrue(ack.startsWith("ACK "), ack);
        assertEndsWith("User-Agent: Stock UA\r\nContent-Length: 0\r\n\r\n", ack);
        assertEquals("SIP/2.0 487 Request Terminated", firstLine(client.expect()));
    }

    @Test
    void ourOwn408CarriesServer() throws Exception {
        start("", "\tt_relay();\n\texit;", """
                loadmodule "tm.so"
                modparam("tm", "fr_timeout", 1)
                modparam("tm", "T1_timer", 100)
                """);
        client.send(proxy.udp(), request("MESSAGE", "z9hG4bKto", "1 MESSAGE", "<sip:bob@example.com>", ""));
        String r = client.receive(5000);
        assertTrue(r != null && r.startsWith("SIP/2.0 408 "), String.valueOf(r));
        assertEndsWith(DEFAULT_SERVER + "Content-Length: 0\r\n\r\n", r);
    }

    @Test
    void serverSignatureOffLeavesBothOut() throws Exception {
        start("server_signature=no", """
                	if (is_method("OPTIONS")) { sl_send_reply("200", "OK"); exit; }
                	t_relay();
                	exit;
                """, """
                loadmodule "tm.so"
                modparam("tm", "T1_timer", 100)
                """);
        client.send(proxy.udp(), request("OPTIONS", "z9hG4bKn0", "1 OPTIONS", "<sip:bob@example.com>", ""));
        String r = client.expect();
        assertEquals("SIP/2.0 200 OK", firstLine(r));
        assertFalse(r.contains("Server:"), r);

        client.send(proxy.udp(), invite("z9hG4bKn1"));
        String trying = client.expect();
        assertEquals("SIP/2.0 100 Trying", firstLine(trying));
        assertFalse(trying.contains("Server:"), trying);
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "486 Busy Here"));
        String ack = nextNotInvite(uas);
        assertTrue(ack.startsWith("ACK "), ack);
        assertFalse(ack.contains("User-Agent:"), ack);
        assertEquals("SIP/2.0 486 Busy Here", firstLine(client.expect()));
        client.send(proxy.udp(), request("ACK", "z9hG4bKn1", "1 ACK", "<sip:bob@example.com>;tag=b2", ""));

        client.send(proxy.udp(), invite("z9hG4bKn2").replace("Max-Forwards: 70", "Max-Forwards: many"));
        r = client.expect();
        while (r.startsWith("SIP/2.0 486 ")) { // a retransmission (timer G) sent before our ACK arrived
            r = client.expect();
        }
        assertEquals("SIP/2.0 400 Malformed Max-Forwards", firstLine(r));
        assertFalse(r.contains("Server:"), r);
    }
}
