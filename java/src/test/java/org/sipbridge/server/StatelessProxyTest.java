package org.sipbridge.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server in this JVM with the proxy route (C functions from maxfwd and textops), driven
 * over UDP by hand-written messages: exact bytes of what it forwards, relays and answers.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatelessProxyTest extends ProxyBetweenPeersTestBase {
    private static final Pattern OUR_BRANCH = Pattern.compile("branch=(z9hG4bKsb[0-9a-f]{16})\r\n");
    private static final Pattern OUR_TAG = Pattern.compile("tag=(sb[0-9a-f]{8}\\.[0-9a-f]{16})");

    @BeforeEach
    void start() throws Exception {
        proxy = TestServer.start(dir, TestServer.proxyConfig(1));
    }

    private String invite(String method, String branch, String cseq) {
        return method + " sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=" + branch + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a1\n"
                + "To: <sip:bob@example.com>\n"
                + "Call-ID: call-1@test\n"
                + "CSeq: " + cseq + "\n"
                + "Content-Length: 0\n\n";
    }

    private static String branchOf(String forwarded) {
        Matcher m = OUR_BRANCH.matcher(forwarded);
        assertTrue(m.find(), forwarded);
        return m.group(1);
    }

    @Test
    void forwardsWithItsViaAndRelaysTheRepliesBack() {
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc1", "1 INVITE"));
        String forwarded = uas.expect();
        String branch = branchOf(forwarded);
        assertEquals(("INVITE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + proxy.udp().getPort() + ";branch=" + branch + "\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKc1;rport=" + client.port()
                + ";received=127.0.0.1\r\n"
                + "Max-Forwards: 69\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: call-1@test\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n"
                + "X-Proxied: yes\r\n\r\n"), forwarded);

        // the UAS answers with the Vias it got: ours goes, the client's stays
        String vias = forwarded.substring(forwarded.indexOf("Via:"), forwarded.indexOf("Max-Forwards"));
        uas.send(proxy.udp(), "SIP/2.0 180 Ringing\r\n" + vias + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>;tag=b1\r\nCall-ID: call-1@test\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        assertEquals("SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKc1;rport=" + client.port()
                + ";received=127.0.0.1\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>;tag=b1\r\n"
                + "Call-ID: call-1@test\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n", client.expect());

        assertEquals(1, proxy.await(ServerStats::requests, 1));
        assertEquals(1, proxy.await(ServerStats::forwarded, 1));
        assertEquals(1, proxy.await(ServerStats::replies, 1));
        assertEquals(1, proxy.await(ServerStats::relayed, 1));
    }

    @Test
    void aViaNamingAnotherHostGetsReceivedButNoRport() {
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc9", "1 INVITE")
                .replace("127.0.0.1:" + client.port() + ";branch=z9hG4bKc9;rport", "client.invalid:5999;branch=z9hG4bKc9"));
        String forwarded = uas.expect();
        assertTrue(forwarded.contains("\r\nVia: SIP/2.0/UDP client.invalid:5999;branch=z9hG4bKc9;received=127.0.0.1\r\n"),
                forwarded);
    }

    @Test
    void retransmissionsCancelAndNon2xxAckKeepTheInvitesBranch() {
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc2", "7 INVITE"));
        String branch = branchOf(uas.expect());
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc2", "7 INVITE"));
        assertEquals(branch, branchOf(uas.expect()), "a retransmission");
        client.send(proxy.udp(), invite("CANCEL", "z9hG4bKc2", "7 CANCEL"));
        assertEquals(branch, branchOf(uas.expect()), "the CANCEL");
        client.send(proxy.udp(), invite("ACK", "z9hG4bKc2", "7 ACK").replace("To: <sip:bob@example.com>",
                "To: <sip:bob@example.com>;tag=uas-tag"));
        assertEquals(branch, branchOf(uas.expect()), "the ACK for a non-2xx reply");
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc3", "8 INVITE"));
        assertNotEquals(branch, branchOf(uas.expect()), "another transaction");
    }

    @Test
    void answersOptionsToItselfWithTheSameTagForRetransmissions() {
        String options = "OPTIONS sip:127.0.0.1:" + proxy.udp().getPort() + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKo1\n"
                + "From: <sip:probe@example.com>;tag=p1\n"
                + "To: <sip:127.0.0.1:" + proxy.udp().getPort() + ">\n"
                + "Call-ID: options-1@test\n"
                + "CSeq: 1 OPTIONS\n"
                + "Max-Forwards: 70\n"
                + "Content-Length: 0\n\n";
        client.send(proxy.udp(), options);
        String reply = client.expect();
        Matcher tag = OUR_TAG.matcher(reply);
        assertTrue(tag.find(), reply);
        assertEquals("SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKo1\r\n"
                + "From: <sip:probe@example.com>;tag=p1\r\n"
                + "To: <sip:127.0.0.1:" + proxy.udp().getPort() + ">;tag=" + tag.group(1) + "\r\n"
                + "Call-ID: options-1@test\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))\r\n" // server_signature (default on)
                + "Content-Length: 0\r\n\r\n", reply);
        client.send(proxy.udp(), options);
        assertEquals(reply, client.expect(), "a retransmission gets the same reply, To-tag included");
        assertNull(uas.receive(200), "nothing forwarded");
        assertEquals(2, proxy.await(ServerStats::localReplies, 2));
    }

    @Test
    void exhaustedMaxForwardsIsRefusedAndItsAckAbsorbed() {
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc4", "1 INVITE").replace("Max-Forwards: 70", "Max-Forwards: 0"));
        String reply = client.expect();
        assertTrue(reply.startsWith("SIP/2.0 483 Too Many Hops\r\n"), reply);
        Matcher tag = OUR_TAG.matcher(reply);
        assertTrue(tag.find(), reply);
        client.send(proxy.udp(), invite("ACK", "z9hG4bKc4", "1 ACK")
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=" + tag.group(1)));
        assertNull(uas.receive(300), "the ACK of our own reply goes nowhere");
        assertEquals(1, proxy.await(ServerStats::acksAbsorbed, 1));
    }

    @Test
    void malformedRequestGetsTheValidatorsReason() {
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc5", "1 INVITE").replace("Max-Forwards: 70", "Max-Forwards: many"));
        String reply = client.expect();
        Matcher tag = OUR_TAG.matcher(reply);
        assertTrue(tag.find(), reply);
        assertEquals("SIP/2.0 400 Malformed Max-Forwards\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKc5;received=127.0.0.1;rport="
                + client.port() + "\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>;tag=" + tag.group(1) + "\r\n"
                + "Call-ID: call-1@test\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))\r\n"
                + "Content-Length: 0\r\n\r\n", reply);
        assertEquals(1, proxy.await(ServerStats::badRequests, 1));
        assertNull(uas.receive(200));
    }

    @Test
    void unanswerableAndUnparsableMessagesAreDroppedAndCounted() {
        client.send(proxy.udp(), invite("INVITE", "z9hG4bKc6", "1 INVITE").replace("Call-ID: call-1@test\n", ""));
        client.send(proxy.udp(), "hello, this is not SIP\r\n\r\n");
        assertNull(client.receive(300), "no answer to either");
        assertNull(uas.receive(50));
        assertEquals(2, proxy.await(ServerStats::malformedDropped, 2));
    }

    @Test
    void replyNotSentThroughUsIsDropped() {
        uas.send(proxy.udp(), "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKx\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKy\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n"
                + "Call-ID: stray@test\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        assertNull(client.receive(300));
        assertEquals(1, proxy.await(ServerStats::notOurVia, 1));
        assertEquals(0, proxy.await(ServerStats::relayed, 0));
    }

    @Test
    void forwardingToItselfIsRefusedAsALoop() {
        InetSocketAddress self = proxy.udp();
        client.send(self, invite("INVITE", "z9hG4bKc7", "1 INVITE").replace("sip:bob@127.0.0.1:" + uas.port(),
                "sip:bob@127.0.0.1:" + self.getPort()));
        assertNull(client.receive(300));
        assertEquals(1, proxy.await(ServerStats::loopsRefused, 1));
        assertEquals(0, proxy.await(ServerStats::forwarded, 0));
    }
}
