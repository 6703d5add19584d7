package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipUriTest {
    private final SipUri uri = new SipUri();

    private SipError parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return uri.parse(ByteBuffer.wrap(b), 0, b.length);
    }

    @Test
    void fullSipUri() {
        assertEquals(SipError.NONE, parse("sips:alice:secret@atlanta.example.com:5061;transport=tcp;user=phone"
                + ";method=INVITE;ttl=15;maddr=239.255.255.1;lr?subject=project%20x&priority=urgent"));
        assertEquals(SipUri.Scheme.SIPS, uri.scheme());
        assertEquals("alice", uri.user());
        assertEquals("secret", uri.password());
        assertEquals("atlanta.example.com", uri.host());
        assertEquals(5061, uri.port());
        assertTrue(uri.hasExplicitPort());
        assertEquals("tcp", uri.paramValue(uri.transportParam()));
        assertEquals("phone", uri.paramValue(uri.userParam()));
        assertEquals("INVITE", uri.paramValue(uri.methodParam()));
        assertEquals("15", uri.paramValue(uri.ttlParam()));
        assertEquals("239.255.255.1", uri.paramValue(uri.maddrParam()));
        assertTrue(uri.lr());
        assertEquals(6, uri.params().count());
        assertEquals("subject=project%20x&priority=urgent", uri.headers());
    }

    @Test
    void minimalAndCaseInsensitiveScheme() {
        assertEquals(SipError.NONE, parse("SIP:example.com"));
        assertEquals(SipUri.Scheme.SIP, uri.scheme());
        assertNull(uri.user());
        assertEquals("example.com", uri.host());
        assertEquals(-1, uri.port());
        assertFalse(uri.hasExplicitPort());
        assertFalse(uri.lr());
        assertFalse(uri.hasHeaders());
        assertEquals(SipError.NONE, parse("sip:192.0.2.1:5060"));
        assertEquals("192.0.2.1", uri.host());
        assertEquals(5060, uri.port());
    }

    @Test
    void ipv6References() {
        assertEquals(SipError.NONE, parse("sip:user@[2001:db8::1]:5070;lr"));
        assertEquals("[2001:db8::1]", uri.host());
        assertTrue(uri.isIpv6Reference());
        assertEquals(5070, uri.port());
        assertTrue(uri.lr());
        assertEquals(SipError.URI_BAD_HOST, parse("sip:[2001:db8::1"));
        assertEquals(SipError.URI_BAD_HOST, parse("sip:[]"));
        assertEquals(SipError.URI_BAD_HOST, parse("sip:[example.com]"));
        assertEquals(SipError.URI_BAD_PORT, parse("sip:2001:db8::10"));
    }

    @Test
    void escapesStayEscapedButKnownParamsMatchUnescaped() {
        assertEquals(SipError.NONE, parse("sip:%61lice@h;%74ransport=udp;%6c%72"));
        assertEquals("%61lice", uri.user());
        assertEquals("alice", uri.userUnescaped());
        assertEquals("udp", uri.paramValue(uri.transportParam()));
        assertTrue(uri.lr());
        assertEquals(SipError.URI_BAD_USER, parse("sip:%6@h"));
        assertEquals(SipError.URI_BAD_USER, parse("sip:%zz@h"));
        assertEquals(SipError.URI_BAD_PARAMETER, parse("sip:h;a=%4"));
    }

    @Test
    void telAndOtherSchemes() {
        assertEquals(SipError.NONE, parse("tel:+1-201-555-0123;phone-context=example.com"));
        assertEquals(SipUri.Scheme.TEL, uri.scheme());
        assertEquals("+1-201-555-0123", uri.user());
        assertEquals("example.com", uri.params().value("phone-context"));
        assertNull(uri.host());
        assertEquals(SipError.NONE, parse("mailto:someone@example.com"));
        assertEquals(SipUri.Scheme.OTHER, uri.scheme());
        assertEquals(6, uri.schemeLength());
        assertEquals(SipError.URI_BAD_CHARACTER, parse("http://exa mple.com/"));
    }

    @Test
    void malformed() {
        assertEquals(SipError.URI_BAD_SCHEME, parse(""));
        assertEquals(SipError.URI_BAD_SCHEME, parse("sip"));
        assertEquals(SipError.URI_BAD_SCHEME, parse("<sip:a@b>"));
        assertEquals(SipError.URI_BAD_USER, parse("sip:@example.com"));
        assertEquals(SipError.URI_BAD_USER, parse("sip:us er@example.com"));
        assertEquals(SipError.URI_BAD_PASSWORD, parse("sip:u:p?x@example.com"));
        assertEquals(SipError.URI_BAD_CHARACTER, parse("sip:u:p@ss@example.com"));
        assertEquals(SipError.URI_BAD_HOST, parse("sip:user@"));
        assertEquals(SipError.URI_BAD_HOST, parse("sip:user@;lr"));
        assertEquals(SipError.URI_BAD_PORT, parse("sip:host:"));
        assertEquals(SipError.URI_BAD_PORT, parse("sip:host:65536"));
        assertEquals(SipError.URI_BAD_PARAMETER, parse("sip:host;;lr"));
        assertEquals(SipError.URI_BAD_PARAMETER, parse("sip:host;lr="));
        assertEquals(SipError.URI_BAD_HEADERS, parse("sip:host?novalue"));
        assertEquals(SipError.URI_BAD_HEADERS, parse("sip:host?a=b&"));
        assertEquals(SipError.URI_BAD_CHARACTER, parse("sip:host>"));
        assertEquals(SipError.URI_BAD_CHARACTER, parse("sip:host lr"));
    }
}
