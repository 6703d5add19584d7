package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipBytesTest {
    /** Bytes around the searched ones, including those that make the word trick borrow (0x01, 0x0C, 0x0B). */
    private static final byte[] ALPHABET = {'\r', '\n', 0x01, 0x0B, 0x0C, 0x00, (byte) 0x8D, (byte) 0x8A, 'a', ' ', (byte) 0xFF};

    @Test
    void wordScansAgreeWithANaiveScanInEveryByteOrderAndBufferKind() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            int len = random.nextInt(40);
            byte[] bytes = new byte[len];
            for (int i = 0; i < len; i++) {
                bytes[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            int from = len == 0 ? 0 : random.nextInt(len);
            for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.wrap(bytes), ByteBuffer.allocateDirect(len).put(bytes)}) {
                for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                    buf.order(order);
                    assertEquals(naive(bytes, from, b -> b == '\n'), SipBytes.indexOf(buf, from, len, '\n'));
                    assertEquals(naive(bytes, from, b -> b == 0x0C), SipBytes.indexOf(buf, from, len, 0x0C));
                    assertEquals(naive(bytes, from, b -> b == (byte) 0xFF), SipBytes.indexOf(buf, from, len, 0xFF));
                    assertEquals(naive(bytes, from, b -> b == '\r' || b == '\n'), SipBytes.indexOfCrOrLf(buf, from, len));
                }
            }
        }
    }

    private interface BytePredicate {
        boolean test(byte b);
    }

    private static int naive(byte[] bytes, int from, BytePredicate p) {
        for (int i = from; i < bytes.length; i++) {
            if (p.test(bytes[i])) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void unescapeAndCaseInsensitiveComparisons() {
        ByteBuffer b = ByteBuffer.wrap("x%41%4a%zz%4".getBytes(StandardCharsets.US_ASCII));
        assertEquals("xAJ%zz%4", SipBytes.unescape(b, 0, b.limit()));
        ByteBuffer lr = ByteBuffer.wrap("%6C%52".getBytes(StandardCharsets.US_ASCII));
        assertTrue(SipBytes.equalsIgnoreCaseUnescaped(lr, 0, 6, SipBytes.lowerAscii("lr")));
        assertFalse(SipBytes.equalsIgnoreCaseUnescaped(lr, 0, 6, SipBytes.lowerAscii("l")));
        assertFalse(SipBytes.equalsIgnoreCaseUnescaped(lr, 0, 3, SipBytes.lowerAscii("lr")));
        ByteBuffer name = ByteBuffer.wrap("Call-ID".getBytes(StandardCharsets.US_ASCII));
        assertTrue(SipBytes.equalsIgnoreCase(name, 0, 7, SipBytes.lowerAscii("call-id")));
        assertFalse(SipBytes.equalsIgnoreCase(name, 0, 7, SipBytes.lowerAscii("call-ie")));
        assertEquals(-1, SipBytes.skipQuotedString(ByteBuffer.wrap("\"ab\\\"".getBytes()), 0, 5));
        assertEquals(5, SipBytes.skipQuotedString(ByteBuffer.wrap("\"a\\\"\"x".getBytes()), 0, 6));
    }
}
