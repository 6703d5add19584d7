package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SipValidatorTest {
    private static final String HEAD = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
            + "From: <sip:alice@example.com>;tag=1\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "Call-ID: c1@h\r\n"
            + "CSeq: 1 OPTIONS\r\n";

    private static Parsed with(String extraHeaders) {
        return Parsed.datagram(HEAD + extraHeaders + "\r\n");
    }

    private static Parsed without(String header) {
        return Parsed.datagram(HEAD.replaceAll("(?m)^" + header + ":[^\r]*\r\n", "") + "\r\n");
    }

    @Test
    void minimalRequestIsValidAndAnswerable() {
        Parsed p = with("");
        assertEquals(SipError.NONE, p.validation);
        assertTrue(p.canReply);
    }

    @Test
    void requiredHeaders() {
        assertEquals(SipError.MISSING_VIA, without("Via").validation);
        assertEquals(SipError.MISSING_FROM, without("From").validation);
        assertEquals(SipError.MISSING_TO, without("To").validation);
        assertEquals(SipError.MISSING_CALL_ID, without("Call-ID").validation);
        assertEquals(SipError.MISSING_CSEQ, without("CSeq").validation);
        assertFalse(without("Call-ID").canReply);
        assertFalse(without("CSeq").canReply);
    }

    @Test
    void singleInstanceHeaders() {
        assertEquals(SipError.DUPLICATE_TO, with("t: <sip:x@y>\r\n").validation);
        assertEquals(SipError.DUPLICATE_CALL_ID, with("i: c2@h\r\n").validation);
        assertEquals(SipError.DUPLICATE_CSEQ, with("CSeq: 1 OPTIONS\r\n").validation);
        assertEquals(SipError.DUPLICATE_MAX_FORWARDS, with("Max-Forwards: 70\r\nMax-Forwards: 70\r\n").validation);
        assertEquals(SipError.MULTIPLE_CONTENT_LENGTH, with("l: 0\r\nContent-Length: 0\r\n").validation);
        SipValidator v = new SipValidator();
        Parsed p = with("i: c2@h\r\n");
        v.validate(p.msg);
        assertEquals(HEAD.length(), v.errorOffset(), "points at the duplicate");
    }

    @Test
    void headerInsides() {
        Parsed badVia = Parsed.datagram(HEAD.replace("SIP/2.0/UDP h.example.com", "SIP/2.0 h.example.com") + "\r\n");
        assertEquals(SipError.BAD_VIA, badVia.validation);
        assertEquals(SipError.VIA_BAD_SENT_PROTOCOL, badVia.detail);
        assertFalse(badVia.canReply);
        Parsed twoFroms = Parsed.datagram(HEAD.replace("From: <sip:alice@example.com>;tag=1",
                "From: <sip:alice@example.com>;tag=1, <sip:eve@example.com>") + "\r\n");
        assertEquals(SipError.BAD_FROM, twoFroms.validation);
        assertEquals(SipError.TRAILING_GARBAGE, twoFroms.detail);
        Parsed badToUri = Parsed.datagram(HEAD.replace("To: <sip:bob@example.com>", "To: <sip:bob@>") + "\r\n");
        assertEquals(SipError.BAD_TO, badToUri.validation);
        assertEquals(SipError.URI_BAD_HOST, badToUri.detail);
        Parsed badCallId = Parsed.datagram(HEAD.replace("Call-ID: c1@h", "Call-ID: c1 @h") + "\r\n");
        assertEquals(SipError.BAD_CALL_ID, badCallId.validation);
        assertEquals(SipError.BAD_CALL_ID, Parsed.datagram(HEAD.replace("Call-ID: c1@h", "Call-ID: c1@h@x") + "\r\n").validation);
        Parsed badCseq = Parsed.datagram(HEAD.replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS") + "\r\n");
        assertEquals(SipError.BAD_CSEQ, badCseq.validation);
        assertEquals(SipError.CSEQ_BAD_NUMBER, badCseq.detail);
        assertFalse(badCseq.canReply);
    }

    @Test
    void requestRules() {
        Parsed mismatch = Parsed.datagram(HEAD.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE") + "\r\n");
        assertEquals(SipError.CSEQ_METHOD_MISMATCH, mismatch.validation);
        assertTrue(mismatch.canReply);
        Parsed rUriHeaders = Parsed.datagram(HEAD.replace("sip:bob@example.com SIP", "sip:bob@example.com?x=y SIP") + "\r\n");
        assertEquals(SipError.REQUEST_URI_HAS_HEADERS, rUriHeaders.validation);
        Parsed badRUri = Parsed.datagram(HEAD.replace("sip:bob@example.com SIP", "sip:bob@exa_mple.com SIP") + "\r\n");
        assertEquals(SipError.BAD_REQUEST_URI, badRUri.validation);
        assertEquals(SipError.URI_BAD_CHARACTER, badRUri.detail);
        assertEquals(SipError.NONE, Parsed.datagram(HEAD.replace("sip:bob@example.com SIP", "tel:+1555 SIP") + "\r\n").validation);
    }

    @Test
    void contacts() {
        assertEquals(SipError.NONE, with("Contact: *\r\nExpires: 0\r\n").validation);
        assertEquals(SipError.NONE, with("Contact: <sip:a@b>;expires=60, sip:c@d\r\nm: <sip:e@f>\r\n").validation);
        Parsed secondBad = with("Contact: <sip:a@b>, <sip:c@>\r\n");
        assertEquals(SipError.BAD_CONTACT, secondBad.validation);
        assertEquals(SipError.URI_BAD_HOST, secondBad.detail);
        assertEquals(SipError.CONTACT_EXPIRES_TOO_LARGE, with("Contact: <sip:a@b>;expires=4294967296\r\n").validation);
    }

    @Test
    void numericHeaders() {
        assertEquals(SipError.NONE, with("Max-Forwards: 255\r\n").validation);
        assertEquals(SipError.MAX_FORWARDS_TOO_LARGE, with("Max-Forwards: 256\r\n").validation);
        assertEquals(SipError.BAD_MAX_FORWARDS, with("Max-Forwards: seventy\r\n").validation);
        assertEquals(SipError.NONE, with("Expires: 4294967295\r\n").validation);
        assertEquals(SipError.EXPIRES_TOO_LARGE, with("Expires: 4294967296\r\n").validation);
        assertEquals(SipError.BAD_EXPIRES, with("Expires: Thu, 01 Dec 1994 16:00:00 GMT\r\n").validation);
        assertEquals(SipError.NONE, with("Retry-After: 18000;duration=3600\r\n").validation);
        assertEquals(SipError.RETRY_AFTER_TOO_LARGE, with("Retry-After: 949302838503028349304023988\r\n").validation);
    }

    @Test
    void datagramContentLength() {
        assertEquals(SipError.CONTENT_LENGTH_EXCEEDS_MESSAGE, Parsed.datagram(HEAD + "l: 10\r\n\r\n12345").validation);
        assertEquals(SipError.NONE, Parsed.datagram(HEAD + "l: 5\r\n\r\n12345").validation);
        assertEquals(SipError.NONE, Parsed.datagram(HEAD + "l: 3\r\n\r\n12345").validation);
    }

    @Test
    void responsesAreValidatedButNeverAnswered() {
        String response = "SIP/2.0 200 OK\r\n" + HEAD.substring(HEAD.indexOf("Via:"))
                + "Via: SIP/2.0/UDP second.example.com;branch=z9hG4bK2\r\n\r\n";
        Parsed ok = Parsed.datagram(response);
        assertEquals(SipError.NONE, ok.validation);
        assertFalse(ok.canReply);
        Parsed badSecondVia = Parsed.datagram(response.replace("second.example.com;branch=z9hG4bK2", ";branch=z9hG4bK2"));
        assertEquals(SipError.BAD_VIA, badSecondVia.validation);
        assertEquals(SipError.VIA_BAD_SENT_BY, badSecondVia.detail);
    }

    @Test
    void ackIsNeverAnswered() {
        Parsed ack = Parsed.datagram(HEAD.replace("OPTIONS", "ACK") + "\r\n");
        assertEquals(SipError.NONE, ack.validation);
        assertFalse(ack.canReply);
    }

    @Test
    void parseErrorsPassThroughWithTheirStatus() {
        Parsed p = Parsed.datagram(HEAD.replace("SIP/2.0\r\n", "SIP/3.0\r\n") + "\r\n");
        assertEquals(SipError.VERSION_NOT_SUPPORTED, p.validation);
        assertEquals(505, p.validation.statusCode());
        assertEquals("Version Not Supported", p.validation.reason());
        assertTrue(p.canReply);
        Parsed truncated = Parsed.datagram(HEAD + "Subject: cut off");
        assertEquals(SipError.INCOMPLETE_HEADERS, truncated.validation);
        assertFalse(truncated.canReply, "a header section that was not read completely is dropped");
    }
}
