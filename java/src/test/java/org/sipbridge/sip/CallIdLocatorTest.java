package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallIdLocatorTest {
    private static int hash(String message) {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        return CallIdLocator.hash(ByteBuffer.wrap(b), 0, b.length);
    }

    private static int hashOfValue(String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        return CallIdLocator.hashValue(ByteBuffer.wrap(b), 0, b.length);
    }

    @Test
    void longAndCompactFormsHashTheTrimmedValue() {
        int expected = hashOfValue("a84b4c76e66710@pc33.example.com");
        assertEquals(expected, hash("INVITE sip:x SIP/2.0\r\nVia: v\r\nCall-ID: a84b4c76e66710@pc33.example.com\r\n\r\n"));
        assertEquals(expected, hash("INVITE sip:x SIP/2.0\r\ncall-id  :\t a84b4c76e66710@pc33.example.com  \r\n\r\n"));
        assertEquals(expected, hash("SIP/2.0 200 OK\r\nI: a84b4c76e66710@pc33.example.com\r\n\r\n"));
        assertEquals(expected, hash("\r\nBYE sip:x SIP/2.0\ni:a84b4c76e66710@pc33.example.com\n\n"));
        assertNotEquals(expected, hash("INVITE sip:x SIP/2.0\r\nCall-ID: a84b4c76e66710@pc33.example.co\r\n\r\n"));
        assertEquals(0xE40C292C, hashOfValue("a"), "FNV-1a 32-bit test vector");
    }

    @Test
    void lookalikeHeadersAreSkipped() {
        int expected = hashOfValue("real");
        assertEquals(expected, hash("INVITE sip:x SIP/2.0\r\nIdentity: x\r\nCall-Info: <http://x>\r\n"
                + "In-Reply-To: y\r\nX-Call-ID: z\r\nCall-ID: real\r\n\r\n"));
    }

    @Test
    void absentWhenNotInTheHeaderSection() {
        assertEquals(CallIdLocator.ABSENT, hash("INVITE sip:x SIP/2.0\r\nVia: v\r\n\r\nCall-ID: in-body\r\n"));
        assertEquals(CallIdLocator.ABSENT, hash("Call-ID: only-start-line\r\n\r\n"));
        assertEquals(CallIdLocator.ABSENT, hash(""));
        assertEquals(CallIdLocator.ABSENT, hash("INVITE sip:x SIP/2.0\r\nCall-ID"));
    }

    @Test
    void foldedValueMatchesTheParsersValue() {
        String msg = "INVITE sip:x SIP/2.0\r\nCall-ID: abc\r\n def\r\n\r\n";
        Parsed p = Parsed.datagram(msg);
        assertEquals(p.msg.callIdHash(), hash(msg));
        assertNotEquals(CallIdLocator.ABSENT, hash(msg));
    }
}
