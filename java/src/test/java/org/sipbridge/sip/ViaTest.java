package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ViaTest {
    private final Via via = new Via();
    private ByteBuffer buf;

    private SipError parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf = ByteBuffer.wrap(b);
        return via.parse(buf, 0, b.length);
    }

    @Test
    void typicalVia() {
        assertEquals(SipError.NONE, parse("SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK77ef4c2312983.1;rport=5061"
                + ";received=198.51.100.7;maddr=224.2.0.1;ttl=16"));
        assertEquals("SIP", via.protocol());
        assertEquals("2.0", via.version());
        assertEquals("UDP", via.transport());
        assertEquals("192.0.2.4", via.host());
        assertEquals(5060, via.port());
        assertEquals("z9hG4bK77ef4c2312983.1", via.branch());
        assertTrue(via.hasRport());
        assertEquals(5061, via.rport());
        assertEquals("198.51.100.7", via.received());
        assertEquals("224.2.0.1", via.maddr());
        assertEquals(16, via.ttl());
        assertFalse(via.hasNext());
    }

    @Test
    void rportWithoutValueAndNoPort() {
        assertEquals(SipError.NONE, parse("SIP/2.0/TCP client.example.com;rport;branch=z9hG4bKx"));
        assertTrue(via.hasRport());
        assertEquals(SipNumbers.ABSENT, via.rport());
        assertEquals(-1, via.port());
        assertEquals(SipNumbers.ABSENT, via.ttl());
        assertNull(via.received());
    }

    @Test
    void whitespaceEverywhereTheGrammarAllowsIt() {
        assertEquals(SipError.NONE, parse("SIP \t/ 2.0\r\n / TLS\r\n  host.example.com : 5061 ;\r\n branch = z9hG4bKq ; rport = 7"));
        assertEquals("TLS", via.transport());
        assertEquals("host.example.com", via.host());
        assertEquals(5061, via.port());
        assertEquals("z9hG4bKq", via.branch());
        assertEquals(7, via.rport());
    }

    @Test
    void severalViaParmsInOneField() {
        assertEquals(SipError.NONE, parse("SIP/2.0/UDP a.example.com;branch=z9hG4bK1 , SIP/2.0/TCP [2001:db8::1]:5062"
                + ";branch=z9hG4bK2,SIP/2.0/SCTP c"));
        assertEquals("a.example.com", via.host());
        assertEquals("SIP/2.0/UDP a.example.com;branch=z9hG4bK1", SipBytes.string(buf, via.valueOffset(), via.valueLength()));
        assertTrue(via.hasNext());
        assertEquals(SipError.NONE, via.next());
        assertEquals("[2001:db8::1]", via.host());
        assertEquals(5062, via.port());
        assertEquals("z9hG4bK2", via.branch());
        assertEquals(SipError.NONE, via.next());
        assertEquals("SCTP", via.transport());
        assertEquals("c", via.host());
        assertFalse(via.hasBranch());
        assertFalse(via.hasNext());
        assertEquals(SipError.EMPTY_VALUE, via.next());
    }

    @Test
    void receivedMayCarryIpv6WithOrWithoutBrackets() {
        assertEquals(SipError.NONE, parse("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKa"));
        assertEquals("2001:db8::9:255", via.received());
        assertEquals(SipError.NONE, parse("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255]"));
        assertEquals("[2001:db8::9:255]", via.received());
    }

    @Test
    void quotedParamValue() {
        assertEquals(SipError.NONE, parse("SIP/2.0/UDP h;x=\"a;b,c\";branch=z9hG4bK1"));
        assertEquals("\"a;b,c\"", via.params().value("x"));
        assertEquals("z9hG4bK1", via.branch());
        assertFalse(via.hasNext());
    }

    @Test
    void malformed() {
        assertEquals(SipError.EMPTY_VALUE, parse("   "));
        assertEquals(SipError.VIA_BAD_SENT_PROTOCOL, parse("SIP/2.0 host"));
        assertEquals(SipError.VIA_BAD_SENT_PROTOCOL, parse("SIP//UDP host"));
        assertEquals(SipError.VIA_BAD_SENT_PROTOCOL, parse("SIP/2.0/UDP"));
        assertEquals(SipError.VIA_BAD_SENT_PROTOCOL, parse("/2.0/UDP host"));
        assertEquals(SipError.VIA_BAD_SENT_BY, parse("SIP/2.0/UDP ;branch=x"));
        assertEquals(SipError.VIA_BAD_SENT_BY, parse("SIP/2.0/UDP [::1"));
        assertEquals(SipError.VIA_BAD_PORT, parse("SIP/2.0/UDP host:"));
        assertEquals(SipError.VIA_BAD_PORT, parse("SIP/2.0/UDP host:99999"));
        assertEquals(SipError.EMPTY_PARAMETER, parse("SIP/2.0/UDP 192.0.2.15;;,;,,"));
        assertEquals(SipError.EMPTY_PARAMETER, parse("SIP/2.0/UDP host;branch=x;"));
        assertEquals(SipError.BAD_PARAMETER, parse("SIP/2.0/UDP host;branch="));
        assertEquals(SipError.UNTERMINATED_QUOTED_STRING, parse("SIP/2.0/UDP host;x=\"abc"));
        assertEquals(SipError.TRAILING_GARBAGE, parse("SIP/2.0/UDP host (comment)"));
        assertEquals(SipError.TOO_MANY_PARAMETERS, parse("SIP/2.0/UDP host" + ";p".repeat(ParamList.CAPACITY + 1)));
    }
}
