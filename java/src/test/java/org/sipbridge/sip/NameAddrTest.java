package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NameAddrTest {
    private final NameAddr a = new NameAddr();
    private ByteBuffer buf;

    private SipError parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf = ByteBuffer.wrap(b);
        return a.parse(buf, 0, b.length);
    }

    @Test
    void quotedDisplayNameWithParams() {
        assertEquals(SipError.NONE, parse("\"Alice \\\"A\\\" Liddell\" <sip:alice@atlanta.example.com>;tag=88sja8x;x=\"q;,\""));
        assertEquals("Alice \"A\" Liddell", a.displayName());
        assertEquals('"', buf.get(a.displayNameOffset()), "offsets keep the quotes");
        assertEquals("sip:alice@atlanta.example.com", a.uri());
        assertTrue(a.hasAngleBrackets());
        assertEquals("88sja8x", a.tag());
        assertEquals("88sja8x", SipBytes.string(buf, a.tagOffset(), a.tagLength()));
        assertEquals("\"q;,\"", a.params().value("x"));
        assertFalse(a.hasNext());
    }

    @Test
    void tokenDisplayNameAndNone() {
        assertEquals(SipError.NONE, parse("Bob  Smith <sip:bob@example.com>"));
        assertEquals("Bob  Smith", a.displayName());
        assertNull(a.tag());
        assertEquals(SipMessage.ABSENT, a.tagOffset());
        assertEquals(SipError.NONE, parse("<sip:bob@example.com>;tag=1"));
        assertNull(a.displayName());
        assertEquals("1", a.tag());
    }

    @Test
    void addrSpecParamsBelongToTheHeader() {
        assertEquals(SipError.NONE, parse("sip:+12125551212@phone2net.example.com;tag=887s;user=phone"));
        assertFalse(a.hasAngleBrackets());
        assertEquals("sip:+12125551212@phone2net.example.com", a.uri());
        assertEquals("887s", a.tag());
        assertEquals("phone", a.params().value("user"));
        SipUri uri = new SipUri();
        assertEquals(SipError.NONE, a.parseUri(uri));
        assertEquals(0, uri.params().count());
    }

    @Test
    void contactListWithExpiresAndQ() {
        assertEquals(SipError.NONE, parse("<sip:a@h1>;expires=3600;q=0.7, \"B, Jr\" <sip:b@h2;lr>, sip:c@h3;expires=0"));
        assertEquals(3600, a.expires());
        assertEquals("0.7", a.q());
        assertTrue(a.hasNext());
        assertEquals(SipError.NONE, a.next());
        assertEquals("B, Jr", a.displayName());
        assertEquals("sip:b@h2;lr", a.uri());
        assertEquals(SipNumbers.ABSENT, a.expires());
        assertEquals(SipError.NONE, a.next());
        assertEquals("sip:c@h3", a.uri());
        assertEquals(0, a.expires());
        assertFalse(a.hasNext());
    }

    @Test
    void starAndOverlargeExpires() {
        assertEquals(SipError.NONE, parse(" * "));
        assertTrue(a.isStar());
        assertNull(a.uri());
        assertEquals(SipError.NONE, parse("<sip:a@b>;expires=280297596632815"));
        assertEquals(SipNumbers.TOO_LARGE, a.expires());
        assertEquals(SipError.NONE, parse("<sip:a@b>;expires=soon"));
        assertEquals(SipNumbers.MALFORMED, a.expires());
    }

    @Test
    void otherSchemesAreKept() {
        assertEquals(SipError.NONE, parse("isbn:2983792873"));
        assertEquals("isbn:2983792873", a.uri());
        assertEquals(SipError.NONE, parse("<http://www.example.com>;tag=3"));
        assertEquals("http://www.example.com", a.uri());
    }

    @Test
    void malformed() {
        assertEquals(SipError.EMPTY_VALUE, parse(""));
        assertEquals(SipError.EMPTY_VALUE, parse(" , <sip:a@b>"));
        assertEquals(SipError.UNTERMINATED_QUOTED_STRING, parse("\"Mr. J. User <sip:j.user@example.com>"));
        assertEquals(SipError.BAD_DISPLAY_NAME, parse("Bell, Alexander <sip:a.g.bell@example.com>;tag=43"));
        assertEquals(SipError.BAD_DISPLAY_NAME, parse("\"Joe\" sip:joe@example.com"));
        assertEquals(SipError.BAD_DISPLAY_NAME, parse("Joe"));
        assertEquals(SipError.WHITESPACE_IN_ANGLE_BRACKETS, parse("\"Watson, Thomas\" < sip:t.watson@example.org >"));
        assertEquals(SipError.UNTERMINATED_ANGLE_BRACKET, parse("<sip:a@b;tag=1"));
        assertEquals(SipError.URI_BAD_SCHEME, parse("<>"));
        assertEquals(SipError.URI_NEEDS_ANGLE_BRACKETS, parse("sip:user@example.com?Route=%3Csip:sip.example.com%3E"));
        assertEquals(SipError.EMPTY_PARAMETER, parse("\"Joe\" <sip:joe@example.org>;;;;"));
        assertEquals(SipError.TRAILING_GARBAGE, parse("<sip:a@b> junk"));
    }
}
