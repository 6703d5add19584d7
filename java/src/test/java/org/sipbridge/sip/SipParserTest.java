package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipParserTest {
    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "v=0\n";

    @Test
    void requestLineHeaderTableAndBody() {
        Parsed p = Parsed.datagram(INVITE);
        assertEquals(SipError.NONE, p.parseError);
        SipMessage m = p.msg;
        assertTrue(m.isRequest());
        assertFalse(m.isResponse());
        assertEquals(SipMethod.INVITE, m.method());
        assertEquals(0, m.methodOffset());
        assertEquals(6, m.methodLength());
        assertEquals("sip:bob@biloxi.example.com", m.requestUriString());
        assertEquals("SIP/2.0", p.string(m.versionOffset(), m.versionLength()));
        assertEquals(INVITE.indexOf("Via:"), m.startLineLength());
        assertEquals(9, m.headerCount());

        assertEquals(HeaderType.VIA, m.headerType(0));
        assertEquals("Via", m.headerName(0));
        assertEquals("SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;rport", m.headerValue(0));
        assertEquals("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;rport\r\n", p.line(0));
        assertEquals(m.headerNameOffset(0), m.headerLineOffset(0));
        assertEquals(m.headerValueOffset(0) + m.headerValueLength(0) + 2,
                m.headerLineOffset(0) + m.headerLineLength(0), "line = value + CRLF");
        assertEquals(HeaderType.VIA.openSipsType(), m.headerOpenSipsType(0));
        assertEquals(m.headerLineOffset(0) + m.headerLineLength(0), m.headerLineOffset(1), "lines are contiguous");

        assertEquals(4, m.firstHeader(HeaderType.CALL_ID));
        assertEquals(SipMessage.ABSENT, m.nextHeader(4));
        assertEquals(SipMessage.ABSENT, m.firstHeader(HeaderType.ROUTE));
        assertEquals(INVITE.indexOf("\r\n\r\n") + 2, m.headersEndOffset());
        assertEquals(4, m.contentLength());
        assertEquals(INVITE.length() - 4, m.bodyOffset());
        assertEquals("v=0\n", m.body());
        assertEquals(INVITE.length(), m.length());
        assertTrue(m.headersComplete());
    }

    @Test
    void statusLine() {
        Parsed p = Parsed.datagram("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nl: 0\r\n\r\n");
        assertEquals(SipError.NONE, p.parseError);
        assertTrue(p.msg.isResponse());
        assertFalse(p.msg.isRequest());
        assertEquals(180, p.msg.statusCode());
        assertEquals("Ringing", p.msg.reasonPhrase());
        assertEquals(0, p.msg.contentLength());
    }

    @Test
    void statusLineErrors() {
        assertEquals(SipError.BAD_STATUS_CODE, Parsed.datagram("SIP/2.0 99 Low\r\n\r\n").parseError);
        assertEquals(SipError.BAD_STATUS_CODE, Parsed.datagram("SIP/2.0 700 High\r\n\r\n").parseError);
        assertEquals(SipError.BAD_STATUS_CODE, Parsed.datagram("SIP/2.0 2000 OK\r\n\r\n").parseError);
        assertEquals(SipError.BAD_STATUS_CODE, Parsed.datagram("SIP/2.0 20x OK\r\n\r\n").parseError);
        assertEquals(SipError.VERSION_NOT_SUPPORTED, Parsed.datagram("SIP/3.0 200 OK\r\n\r\n").parseError);
        assertEquals(SipError.BAD_VERSION, Parsed.datagram("SIP/2 200 OK\r\n\r\n").parseError);
        Parsed bare = Parsed.datagram("SIP/2.0 200\r\n\r\n");
        assertEquals(SipError.NONE, bare.parseError, "missing SP before an empty reason is tolerated");
        assertEquals(200, bare.msg.statusCode());
        assertEquals(0, bare.msg.reasonLength());
    }

    @Test
    void requestLineErrorsAreRecordedButHeadersStillParse() {
        Parsed p = Parsed.datagram("INVITE sip:a@b SIP/2.0 extra\r\nCall-ID: x\r\n\r\n");
        assertEquals(SipError.WHITESPACE_IN_REQUEST_URI, p.parseError);
        assertEquals("x", p.header(HeaderType.CALL_ID));
        assertTrue(p.msg.headersComplete());
        assertEquals(SipError.BAD_START_LINE, Parsed.datagram("INVITE\r\n\r\n").parseError);
        assertEquals(SipError.BAD_START_LINE, Parsed.datagram("INVITE sip:a@b\r\n\r\n").parseError);
        assertEquals(SipError.BAD_METHOD, Parsed.datagram("INV(ITE sip:a@b SIP/2.0\r\n\r\n").parseError);
        assertEquals(SipError.BAD_REQUEST_URI, Parsed.datagram("INVITE 1sip:a@b SIP/2.0\r\n\r\n").parseError);
        assertEquals(SipError.BAD_REQUEST_URI, Parsed.datagram("INVITE a@b SIP/2.0\r\n\r\n").parseError);
        assertEquals(SipError.BAD_VERSION, Parsed.datagram("INVITE sip:a@b HTTP/1.1\r\n\r\n").parseError);
        assertEquals(SipError.NONE, Parsed.datagram("INVITE sip:a@b sip/2.0\r\n\r\n").parseError,
                "SIP-Version is case-insensitive");
    }

    @Test
    void methodsByName() {
        for (SipMethod method : SipMethod.values()) {
            if (method == SipMethod.OTHER) {
                continue;
            }
            Parsed p = Parsed.datagram(method.name() + " sip:x SIP/2.0\r\n\r\n");
            assertEquals(method, p.msg.method());
        }
        assertEquals(SipMethod.OTHER, Parsed.datagram("invite sip:x SIP/2.0\r\n\r\n").msg.method(),
                "method names are case-sensitive");
        Parsed other = Parsed.datagram("FOO sip:x SIP/2.0\r\n\r\n");
        assertEquals(SipMethod.OTHER, other.msg.method());
        assertEquals("FOO", other.msg.methodName());
        assertEquals(16384, SipMethod.OTHER.openSipsId());
        assertEquals(128, SipMethod.REGISTER.openSipsId());
    }

    @Test
    void foldingCompactFormsAndNameCase() {
        Parsed p = Parsed.datagram("OPTIONS sip:x SIP/2.0\r\n"
                + "sUbJeCt :\r\n\t folded\r\n  twice \r\n"
                + "i:id1\r\n"
                + "CALL-ID: id2\r\n"
                + "X-Empty:\r\n"
                + "\r\n");
        assertEquals(SipError.NONE, p.parseError);
        int subject = p.msg.firstHeader(HeaderType.SUBJECT);
        assertEquals("sUbJeCt", p.msg.headerName(subject));
        assertEquals("folded\r\n  twice", p.msg.headerValue(subject));
        assertEquals("sUbJeCt :\r\n\t folded\r\n  twice \r\n", p.line(subject));
        assertEquals(2, p.msg.headerCount(HeaderType.CALL_ID));
        int first = p.msg.firstHeader(HeaderType.CALL_ID);
        assertEquals("id1", p.msg.headerValue(first));
        assertEquals("id2", p.msg.headerValue(p.msg.nextHeader(first)));
        int empty = p.msg.firstHeader(HeaderType.OTHER);
        assertEquals(0, p.msg.headerValueLength(empty));
    }

    @Test
    void bareLineFeedsAreAccepted() {
        Parsed p = Parsed.datagram("OPTIONS sip:x SIP/2.0\nCall-ID: abc\n\nbody");
        assertEquals(SipError.NONE, p.parseError);
        assertEquals("abc", p.header(HeaderType.CALL_ID));
        assertEquals("Call-ID: abc\n", p.line(0));
        assertEquals("body", p.msg.body());
    }

    @Test
    void leadingLineEndsAreSkipped() {
        Parsed p = Parsed.datagram("\r\n\r\nOPTIONS sip:x SIP/2.0\r\n\r\n");
        assertEquals(SipError.NONE, p.parseError);
        assertEquals(4, p.msg.offset());
        assertEquals(SipError.EMPTY_MESSAGE, Parsed.datagram("\r\n\r\n").parseError);
        assertEquals(SipError.EMPTY_MESSAGE, Parsed.datagram("").parseError);
    }

    @Test
    void headerLineErrorsSkipTheLineAndContinue() {
        Parsed p = Parsed.datagram("OPTIONS sip:x SIP/2.0\r\nNo colon here\r\nCall-ID: c\r\n\r\n");
        assertEquals(SipError.BAD_HEADER_NAME, p.parseError);
        assertEquals(23, p.msg.errorOffset());
        assertEquals("c", p.header(HeaderType.CALL_ID));
        assertEquals(1, p.msg.headerCount());
        assertEquals(SipError.MISSING_COLON, Parsed.datagram("OPTIONS sip:x SIP/2.0\r\nJustAName\r\n\r\n").parseError);
        assertEquals(SipError.BAD_HEADER_NAME, Parsed.datagram("OPTIONS sip:x SIP/2.0\r\n: v\r\n\r\n").parseError);
        assertEquals(SipError.CONTINUATION_WITHOUT_HEADER,
                Parsed.datagram("OPTIONS sip:x SIP/2.0\r\n folded\r\n\r\n").parseError);
    }

    @Test
    void unreadableHeaderSectionsStopTheParse() {
        Parsed bareCr = Parsed.datagram("OPTIONS sip:x SIP/2.0\r\nA: b\rc\r\nCall-ID: x\r\n\r\n");
        assertEquals(SipError.BARE_CR, bareCr.parseError);
        assertFalse(bareCr.msg.headersComplete());
        assertEquals(SipError.INCOMPLETE_HEADERS, Parsed.datagram("OPTIONS sip:x SIP/2.0\r\nA: b").parseError);
        assertEquals(SipError.INCOMPLETE_HEADERS, Parsed.datagram("OPTIONS sip:x SIP/2.0\r\nA: b\r").parseError);
        assertEquals(SipError.INCOMPLETE_HEADERS, Parsed.stream("OPTIONS sip:x SIP/2.0\r\nl: 0\r\n").parseError);
        Parsed noEmptyLine = Parsed.datagram("OPTIONS sip:x SIP/2.0\r\nl: 0\r\n");
        assertEquals(SipError.INCOMPLETE_HEADERS, noEmptyLine.parseError,
                "RFC 3261 7: the empty line is required, also in a datagram (issue 13 item 4)");
        assertTrue(noEmptyLine.msg.headersComplete(), "every header was read: a 400 can be built");
    }

    @Test
    void bodyByFraming() {
        String head = "MESSAGE sip:x SIP/2.0\r\nContent-Length: 5\r\n\r\n";
        Parsed exact = Parsed.stream(head + "hello");
        assertEquals(SipError.NONE, exact.parseError);
        assertEquals("hello", exact.msg.body());
        Parsed extra = Parsed.datagram(head + "hello, and more");
        assertEquals("hello", extra.msg.body(), "datagram octets past Content-Length are ignored");
        assertEquals(SipError.NONE, extra.parseError);
        Parsed shortDatagram = Parsed.datagram(head + "hel");
        assertEquals(SipError.NONE, shortDatagram.parseError, "the validator rejects this one");
        assertEquals(3, shortDatagram.msg.bodyLength());
        assertEquals(5, shortDatagram.msg.contentLength());
        assertEquals(SipError.CONTENT_LENGTH_EXCEEDS_MESSAGE, Parsed.stream(head + "hel").parseError);
        Parsed noLength = Parsed.datagram("MESSAGE sip:x SIP/2.0\r\n\r\nall of it");
        assertEquals("all of it", noLength.msg.body());
        assertEquals(SipNumbers.ABSENT, noLength.msg.contentLength());
        assertEquals(SipError.MISSING_CONTENT_LENGTH, Parsed.stream("MESSAGE sip:x SIP/2.0\r\n\r\n").parseError);
        assertEquals(SipError.BAD_CONTENT_LENGTH, Parsed.datagram("MESSAGE sip:x SIP/2.0\r\nl: 1x\r\n\r\n").parseError);
        Parsed huge = Parsed.datagram("MESSAGE sip:x SIP/2.0\r\nl: 99999999999\r\n\r\n");
        assertEquals(SipError.BAD_CONTENT_LENGTH, huge.parseError);
        assertEquals(SipNumbers.TOO_LARGE, huge.msg.contentLength());
    }

    @Test
    void messageSizeLimit() {
        SipLimits limits = SipLimits.DEFAULT.withMaxMessageSize(100);
        SipMessage m = new SipMessage(limits);
        byte[] big = (INVITE).getBytes(StandardCharsets.US_ASCII);
        assertEquals(SipError.MESSAGE_TOO_LARGE, new SipParser(limits).parse(ByteBuffer.wrap(big), 0, big.length,
                Framing.DATAGRAM, m));
        assertEquals(513, SipError.MESSAGE_TOO_LARGE.statusCode());
        assertEquals(0, m.headerCount());
    }

    @Test
    void headerCountLimit() {
        SipLimits limits = SipLimits.DEFAULT.withMaxHeaders(3);
        SipMessage m = new SipMessage(limits);
        byte[] four = "OPTIONS sip:x SIP/2.0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        SipError e = new SipParser(limits).parse(ByteBuffer.wrap(four), 0, four.length, Framing.DATAGRAM, m);
        assertEquals(SipError.TOO_MANY_HEADERS, e);
        assertEquals(3, m.headerCount());
        assertTrue(m.headersComplete(), "the rest of the section is read, not kept: a 400 can be built");
        // A message sized for the default limits refuses more than its own capacity.
        byte[] three = "OPTIONS sip:x SIP/2.0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(SipError.NONE, new SipParser().parse(ByteBuffer.wrap(three), 0, three.length, Framing.DATAGRAM, m));
    }

    @Test
    void lineLengthLimitCoversFoldedFields() {
        SipLimits limits = SipLimits.DEFAULT.withMaxLineLength(40);
        SipParser parser = new SipParser(limits);
        SipMessage m = new SipMessage(limits);
        byte[] ok = "OPTIONS sip:x SIP/2.0\r\nSubject: 0123456789012345678901234567890\r\n\r\n".getBytes();
        assertEquals(SipError.NONE, parser.parse(ByteBuffer.wrap(ok), 0, ok.length, Framing.DATAGRAM, m));
        byte[] longLine = "OPTIONS sip:x SIP/2.0\r\nSubject: 01234567890123456789012345678901\r\n\r\n".getBytes();
        assertEquals(SipError.LINE_TOO_LONG, parser.parse(ByteBuffer.wrap(longLine), 0, longLine.length, Framing.DATAGRAM, m));
        assertEquals(23, m.errorOffset());
        byte[] folded = "OPTIONS sip:x SIP/2.0\r\nSubject: 0123456789\r\n 0123456789\r\n 0123456789\r\n\r\n".getBytes();
        assertEquals(SipError.LINE_TOO_LONG, parser.parse(ByteBuffer.wrap(folded), 0, folded.length, Framing.DATAGRAM, m));
        byte[] unterminated = ("OPTIONS sip:x SIP/2.0\r\nSubject: " + "x".repeat(100)).getBytes();
        assertEquals(SipError.LINE_TOO_LONG,
                parser.parse(ByteBuffer.wrap(unterminated), 0, unterminated.length, Framing.DATAGRAM, m));
        byte[] longStart = ("OPTIONS sip:" + "x".repeat(40) + " SIP/2.0\r\n\r\n").getBytes();
        assertEquals(SipError.REQUEST_URI_TOO_LONG,
                parser.parse(ByteBuffer.wrap(longStart), 0, longStart.length, Framing.DATAGRAM, m));
        assertEquals(414, SipError.REQUEST_URI_TOO_LONG.statusCode());
        // A terminated line over the limit is left out and the parse goes on, so a 400 can be built.
        byte[] thenVia = "OPTIONS sip:x SIP/2.0\r\nSubject: 01234567890123456789012345678901\r\nVia: SIP/2.0/UDP h\r\n\r\n"
                .getBytes();
        assertEquals(SipError.LINE_TOO_LONG, parser.parse(ByteBuffer.wrap(thenVia), 0, thenVia.length, Framing.DATAGRAM, m));
        assertTrue(m.headersComplete());
        assertEquals(1, m.headerCount());
        assertEquals(HeaderType.VIA, m.headerType(0));
    }

    @Test
    void limitsAreImmutableWithSensibleDefaults() {
        assertEquals(65535, SipLimits.DEFAULT.maxMessageSize());
        assertEquals(256, SipLimits.DEFAULT.maxHeaders());
        assertEquals(8192, SipLimits.DEFAULT.maxLineLength());
        SipLimits changed = SipLimits.DEFAULT.withMaxHeaders(10);
        assertEquals(10, changed.maxHeaders());
        assertEquals(256, SipLimits.DEFAULT.maxHeaders());
        assertThrows(IllegalArgumentException.class, () -> SipLimits.DEFAULT.withMaxHeaders(0));
    }

    @Test
    void parsesARangeOfALargerBufferWithoutTouchingPositionOrLimit() {
        byte[] bytes = ("garbage" + INVITE + "trailing").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(3).limit(bytes.length - 1);
        SipMessage m = new SipMessage();
        assertEquals(SipError.NONE, new SipParser().parse(buf, 7, INVITE.length(), Framing.STREAM, m));
        assertEquals(7, m.offset());
        assertEquals(3, buf.position());
        assertEquals(bytes.length - 1, buf.limit());
        assertEquals("a84b4c76e66710@pc33.atlanta.example.com", m.headerValue(HeaderType.CALL_ID));
        assertThrows(IndexOutOfBoundsException.class,
                () -> new SipParser().parse(buf, 0, bytes.length, Framing.DATAGRAM, m), "range beyond the limit");
    }

    @Test
    void inPlaceEditsOfTheBufferAreVisible() {
        ByteBuffer direct = ByteBuffer.allocateDirect(INVITE.length());
        direct.put(INVITE.getBytes(StandardCharsets.US_ASCII));
        SipMessage m = new SipMessage();
        new SipParser().parse(direct, 0, INVITE.length(), Framing.DATAGRAM, m);
        int mf = m.firstHeader(HeaderType.MAX_FORWARDS);
        direct.put(m.headerValueOffset(mf), (byte) '6'); // what a C module rewriting "70" to "69" does
        direct.put(m.headerValueOffset(mf) + 1, (byte) '9');
        assertEquals(69, m.maxForwards());
    }

    @Test
    void reuseResetsEverything() {
        SipParser parser = new SipParser();
        SipMessage m = new SipMessage();
        byte[] first = INVITE.getBytes(StandardCharsets.US_ASCII);
        parser.parse(ByteBuffer.wrap(first), 0, first.length, Framing.DATAGRAM, m);
        byte[] second = "SIP/2.0 200 OK\r\nCall-ID: z\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        parser.parse(ByteBuffer.wrap(second), 0, second.length, Framing.DATAGRAM, m);
        assertTrue(m.isResponse());
        assertFalse(m.isRequest());
        assertEquals(SipMethod.OTHER, m.method());
        assertEquals(1, m.headerCount());
        assertEquals(SipMessage.ABSENT, m.firstHeader(HeaderType.VIA));
        assertEquals(0, m.headerCount(HeaderType.VIA));
        assertEquals("z", m.headerValue(HeaderType.CALL_ID));
        assertEquals(SipNumbers.ABSENT, m.contentLength());
    }

    @Test
    void commonFieldsWithoutStrings() {
        Parsed p = Parsed.datagram(INVITE);
        Via via = new Via();
        assertEquals(SipError.NONE, p.msg.topVia(via));
        assertEquals("z9hG4bK776asdhds", p.string(via.branchOffset(), via.branchLength()));
        assertEquals(SipError.MISSING_VIA, p.msg.secondVia(via));
        NameAddr from = new NameAddr();
        assertEquals(SipError.NONE, p.msg.from(from));
        assertEquals("1928301774", p.string(from.tagOffset(), from.tagLength()));
        CSeq cseq = new CSeq();
        assertEquals(SipError.NONE, p.msg.cseq(cseq));
        assertEquals(314159, cseq.number());
        assertEquals(SipMethod.INVITE, cseq.method());
        byte[] callId = "a84b4c76e66710@pc33.atlanta.example.com".getBytes(StandardCharsets.US_ASCII);
        assertTrue(p.msg.callIdEquals(ByteBuffer.wrap(callId), 0, callId.length));
        assertEquals(CallIdLocator.hash(p.buf, 0, INVITE.length()), p.msg.callIdHash());
    }
}
