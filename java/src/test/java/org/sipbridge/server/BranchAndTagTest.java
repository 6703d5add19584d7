package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipParser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 3261 16.11 branches and the stateless To-tag, for RFC 3261 and RFC 2543 clients. */
class BranchAndTagTest {
    private final BranchIds branches = new BranchIds();
    private final ToTags tags = new ToTags(ToTags.serverPrefix("[udp:127.0.0.1:5070]"));

    private static SipMessage parse(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        SipMessage m = new SipMessage();
        assertEquals(SipError.NONE, new SipParser().parse(ByteBuffer.wrap(b), 0, b.length, Framing.DATAGRAM, m));
        return m;
    }

    private static String request(String method, String via, String toTag, String cseq) {
        return method + " sip:bob@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060" + via + "\n"
                + "From: <sip:alice@example.com>;tag=f1\n"
                + "To: <sip:bob@example.com>" + toTag + "\n"
                + "Call-ID: c1@192.0.2.1\n"
                + "CSeq: " + cseq + "\n"
                + "Content-Length: 0\n\n";
    }

    private String branch(String text) {
        byte[] out = new byte[64];
        int n = branches.write(parse(text), out, 0);
        assertEquals(BranchIds.LENGTH, n);
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    private String tag(String text) {
        byte[] out = new byte[64];
        return new String(out, 0, tags.write(parse(text), out, 0), StandardCharsets.US_ASCII);
    }

    @Test
    void rfc3261ClientsBranchFollowsTheirs() {
        String invite = branch(request("INVITE", ";branch=z9hG4bKa1", "", "1 INVITE"));
        assertTrue(invite.matches("z9hG4bKsb[0-9a-f]{16}"), invite);
        assertEquals(invite, branch(request("INVITE", ";branch=z9hG4bKa1", "", "1 INVITE")));
        assertEquals(invite, branch(request("CANCEL", ";branch=z9hG4bKa1", "", "1 CANCEL")));
        assertEquals(invite, branch(request("ACK", ";branch=z9hG4bKa1", ";tag=t9", "1 ACK")));
        assertNotEquals(invite, branch(request("ACK", ";branch=z9hG4bKa2", ";tag=t9", "1 ACK")), "2xx ACK: new branch");
    }

    @Test
    void rfc2543ClientsBranchFollowsTheTransactionFields() {
        String invite = branch(request("INVITE", "", "", "1 INVITE"));
        assertEquals(invite, branch(request("CANCEL", "", "", "1 CANCEL")));
        assertEquals(invite, branch(request("ACK", "", ";tag=t9", "1 ACK")), "non-2xx ACK: the reply's To-tag does not count");
        assertNotEquals(invite, branch(request("INVITE", "", "", "2 INVITE")));
        assertNotEquals(invite, branch(request("INVITE", ";branch=1234", "", "1 INVITE")), "other top Via");
    }

    @Test
    void toTagIsStableForRetransmissionsAndCancel() {
        String t = tag(request("INVITE", ";branch=z9hG4bKa1", "", "1 INVITE"));
        assertTrue(t.matches("sb[0-9a-f]{8}\\.[0-9a-f]{16}"), t);
        assertEquals(t, tag(request("INVITE", ";branch=z9hG4bKa1", "", "1 INVITE")));
        assertEquals(t, tag(request("CANCEL", ";branch=z9hG4bKa1", "", "1 CANCEL")));
        assertNotEquals(t, tag(request("INVITE", ";branch=z9hG4bKa3", "", "2 INVITE")));
        ByteBuffer b = ByteBuffer.wrap(t.getBytes(StandardCharsets.US_ASCII));
        assertTrue(tags.isOurs(b, 0, t.length()));
        assertFalse(new ToTags(ToTags.serverPrefix("other")).isOurs(b, 0, t.length()), "another server's prefix");
    }
}
