package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CSeqAndNumbersTest {
    private final CSeq cseq = new CSeq();

    private SipError parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return cseq.parse(ByteBuffer.wrap(b), 0, b.length);
    }

    private static long number(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return SipNumbers.parseUInt32(ByteBuffer.wrap(b), 0, b.length);
    }

    @Test
    void cseqValues() {
        assertEquals(SipError.NONE, parse("4711 INVITE"));
        assertEquals(4711, cseq.number());
        assertEquals(SipMethod.INVITE, cseq.method());
        assertEquals(SipError.NONE, parse(" 0009\r\n  ACK "));
        assertEquals(9, cseq.number());
        assertEquals(SipMethod.ACK, cseq.method());
        assertEquals(SipError.NONE, parse("4294967295 NEWMETHOD"));
        assertEquals(4294967295L, cseq.number());
        assertEquals(SipMethod.OTHER, cseq.method());
        assertEquals("NEWMETHOD", cseq.methodName());
        assertEquals(SipError.NONE, parse("4294967296 OPTIONS"), "range is the validator's business");
        assertEquals(SipNumbers.TOO_LARGE, cseq.number());
    }

    @Test
    void cseqErrors() {
        assertEquals(SipError.CSEQ_BAD_NUMBER, parse("INVITE"));
        assertEquals(SipError.CSEQ_BAD_NUMBER, parse("12INVITE"));
        assertEquals(SipError.CSEQ_BAD_NUMBER, parse("12"));
        assertEquals(SipError.CSEQ_BAD_METHOD, parse("12 "));
        assertEquals(SipError.CSEQ_BAD_METHOD, parse("12 (INVITE)"));
        assertEquals(SipError.TRAILING_GARBAGE, parse("12 INVITE extra"));
    }

    @Test
    void methodMatchingIsExact() {
        Parsed p = Parsed.datagram("FOO sip:x SIP/2.0\r\nCSeq: 1 FOO\r\n\r\n");
        assertTrue(p.cseq().methodMatches(p.msg));
        Parsed q = Parsed.datagram("FOO sip:x SIP/2.0\r\nCSeq: 1 FOX\r\n\r\n");
        assertFalse(q.cseq().methodMatches(q.msg));
        Parsed r = Parsed.datagram("BYE sip:x SIP/2.0\r\nCSeq: 1 bye\r\n\r\n");
        assertFalse(r.cseq().methodMatches(r.msg));
    }

    @Test
    void uint32Parsing() {
        assertEquals(0, number("0"));
        assertEquals(68, number(" 0068 "));
        assertEquals(4294967295L, number("4294967295"));
        assertEquals(SipNumbers.TOO_LARGE, number("4294967296"));
        assertEquals(SipNumbers.TOO_LARGE, number("1" + "0".repeat(100)));
        assertEquals(SipNumbers.MALFORMED, number(""));
        assertEquals(SipNumbers.MALFORMED, number("   "));
        assertEquals(SipNumbers.MALFORMED, number("-1"));
        assertEquals(SipNumbers.MALFORMED, number("+1"));
        assertEquals(SipNumbers.MALFORMED, number("1 2"));
        assertEquals(SipNumbers.MALFORMED, number("0x10"));
    }
}
