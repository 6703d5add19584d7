package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipbridge.sip.StreamFramer.Status;

class StreamFramerTest {
    private static final String MSG = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP h;branch=z9hG4bK1\r\n"
            + "Content-Length:  5\r\n"
            + "\r\n"
            + "hello";

    private final StreamFramer framer = new StreamFramer();

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private Status frame(String s) {
        ByteBuffer b = bytes(s);
        return framer.frame(b, 0, b.limit());
    }

    @Test
    void wholeMessageThenTheNextOne() {
        ByteBuffer b = bytes(MSG + MSG.replace("hello", "world"));
        assertEquals(Status.MESSAGE, framer.frame(b, 0, b.limit()));
        assertEquals(MSG.length(), framer.length());
        assertEquals(Status.MESSAGE, framer.frame(b, MSG.length(), b.limit() - MSG.length()));
        assertEquals(MSG.length(), framer.length());
        SipMessage m = new SipMessage();
        assertEquals(SipError.NONE, new SipParser().parse(b, MSG.length(), framer.length(), Framing.STREAM, m));
        assertEquals("world", m.body());
    }

    @Test
    void byteByByteArrival() {
        ByteBuffer b = bytes(MSG + "INVITE");
        for (int n = 0; n < MSG.length(); n++) {
            assertEquals(Status.NEED_MORE, framer.frame(b, 0, n), "after " + n + " bytes");
        }
        assertEquals(Status.MESSAGE, framer.frame(b, 0, MSG.length()));
        assertEquals(MSG.length(), framer.length());
        assertEquals(Status.NEED_MORE, framer.frame(b, MSG.length(), 6), "state was reset for the next message");
    }

    @Test
    void keepAlives() {
        assertEquals(Status.KEEPALIVE, frame("\r\n\r\nINVITE"));
        assertEquals(4, framer.length());
        assertTrue(framer.pongRequested());
        assertEquals(Status.NEED_MORE, frame("\r\n\r"), "could still become a ping");
        assertEquals(Status.NEED_MORE, frame("\r\n"));
        assertEquals(Status.KEEPALIVE, frame("\r\nINVITE"));
        assertEquals(2, framer.length());
        assertFalse(framer.pongRequested());
        assertEquals(Status.KEEPALIVE, frame("\n\nINVITE"));
        assertEquals(2, framer.length());
        assertEquals(Status.NEED_MORE, frame(""));
    }

    @Test
    void lineFeedOnlyHeaderEnd() {
        String lf = "OPTIONS sip:x SIP/2.0\nl: 2\n\nokNEXT";
        assertEquals(Status.MESSAGE, frame(lf));
        assertEquals(lf.length() - 4, framer.length());
    }

    @Test
    void compactAndFoldedContentLength() {
        assertEquals(Status.MESSAGE, frame("OPTIONS sip:x SIP/2.0\r\nL :\r\n 3\r\n\r\nabc"));
        assertEquals(Status.MESSAGE, frame("OPTIONS sip:x SIP/2.0\r\nX-Content-Length: 9\r\ncontent-LENGTH: 3\r\n\r\nabc"));
    }

    @Test
    void brokenStreams() {
        assertEquals(Status.BROKEN, frame("OPTIONS sip:x SIP/2.0\r\nVia: x\r\n\r\n"));
        assertEquals(SipError.MISSING_CONTENT_LENGTH, framer.error());
        assertEquals(Status.BROKEN, frame("OPTIONS sip:x SIP/2.0\r\nl: -1\r\n\r\n"));
        assertEquals(SipError.BAD_CONTENT_LENGTH, framer.error());
        assertEquals(Status.BROKEN, frame("OPTIONS sip:x SIP/2.0\r\nl: 13\r\nContent-Length: 5\r\n\r\n"));
        assertEquals(SipError.MULTIPLE_CONTENT_LENGTH, framer.error());
        assertEquals(Status.MESSAGE, frame("OPTIONS sip:x SIP/2.0\r\nl: 0\r\nContent-Length: 0\r\n\r\n"),
                "equal duplicates still frame; the validator rejects them");
        assertEquals(Status.BROKEN, frame("OPTIONS sip:x SIP/2.0\r\nl: 65536\r\n\r\n"));
        assertEquals(SipError.MESSAGE_TOO_LARGE, framer.error());
    }

    @Test
    void headerSectionLargerThanTheLimitIsBroken() {
        StreamFramer small = new StreamFramer(SipLimits.DEFAULT.withMaxMessageSize(100));
        ByteBuffer b = bytes("OPTIONS sip:x SIP/2.0\r\nSubject: " + "x".repeat(200));
        assertEquals(Status.NEED_MORE, small.frame(b, 0, 90));
        assertEquals(Status.BROKEN, small.frame(b, 0, b.limit()));
        assertEquals(SipError.MESSAGE_TOO_LARGE, small.error());
    }
}
