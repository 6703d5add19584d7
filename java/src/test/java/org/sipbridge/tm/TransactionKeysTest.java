package org.sipbridge.tm;

import org.junit.jupiter.api.Test;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipParser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Matching keys: found in a table of String keys without making a String, RFC 3261 and RFC 2543 rules. */
class TransactionKeysTest {
    private final SipParser parser = new SipParser();

    private SipMessage parse(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        SipMessage m = new SipMessage();
        assertEquals(SipError.NONE, parser.parse(ByteBuffer.wrap(b), 0, b.length, Framing.DATAGRAM, m));
        return m;
    }

    private SipMessage request(String method, String branch, String to, String cseqMethod) {
        return parse(method + " sip:bob@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060" + (branch == null ? "" : ";branch=" + branch) + "\n"
                + "From: <sip:alice@example.com>;tag=a1\n"
                + "To: " + to + "\n"
                + "Call-ID: c1@test\n"
                + "CSeq: 7 " + cseqMethod + "\n"
                + "Content-Length: 0\n\n");
    }

    @Test
    void aLookupKeyFindsTheStoredStringKeyAndHashesLikeIt() {
        TransactionKeys keys = new TransactionKeys();
        Map<String, String> table = new HashMap<>();
        LookupKey k = keys.server(request("INVITE", "z9hG4bKone", "<sip:bob@example.com>", "INVITE"));
        String stored = k.toString();
        assertEquals(stored.hashCode(), k.hashCode());
        table.put(stored, "invite");
        assertSame("invite", table.get(keys.server(request("INVITE", "z9hG4bKone", "<sip:bob@example.com>", "INVITE"))));
        // its ACK (with the To tag of our reply) belongs to it; another branch does not
        assertSame("invite", table.get(keys.server(request("ACK", "z9hG4bKone", "<sip:bob@example.com>;tag=x", "ACK"))));
        assertNull(table.get(keys.server(request("INVITE", "z9hG4bKtwo", "<sip:bob@example.com>", "INVITE"))));
        // a CANCEL is a transaction of its own, but finds the INVITE it cancels
        assertNull(table.get(keys.server(request("CANCEL", "z9hG4bKone", "<sip:bob@example.com>", "CANCEL"))));
        assertSame("invite", table.get(keys.cancelledInvite(request("CANCEL", "z9hG4bKone", "<sip:bob@example.com>", "CANCEL"))));
    }

    @Test
    void rfc2543RequestsMatchOnCallIdCSeqFromToUriViaAndRequestUri() {
        TransactionKeys keys = new TransactionKeys();
        String invite = keys.server(request("INVITE", null, "<sip:bob@example.com>", "INVITE")).toString();
        assertEquals(invite, keys.server(request("INVITE", null, "<sip:bob@example.com>", "INVITE")).toString());
        // the ACK of a negative reply carries the reply's To tag: same transaction (To URI only)
        assertEquals(invite, keys.server(request("ACK", null, "<sip:bob@example.com>;tag=r1", "ACK")).toString());
        // another To URI: another transaction
        assertNotEquals(invite, keys.server(request("INVITE", null, "<sip:carol@example.com>", "INVITE")).toString());
        // without via1_matching and ruri_matching, only the dialog parts count
        TransactionKeys loose = new TransactionKeys(false, false);
        assertEquals(loose.server(request("INVITE", null, "<sip:bob@example.com>", "INVITE")).toString(),
                loose.server(parse("INVITE sip:other@example.com SIP/2.0\nVia: SIP/2.0/UDP 10.9.9.9:5070\n"
                        + "From: <sip:alice@example.com>;tag=a1\nTo: <sip:bob@example.com>\nCall-ID: c1@test\n"
                        + "CSeq: 7 INVITE\nContent-Length: 0\n\n")).toString());
    }
}
