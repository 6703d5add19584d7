package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a parsed and validated message with String-returning shortcuts. */
final class Parsed {
    final ByteBuffer buf;
    final SipMessage msg = new SipMessage();
    final SipError parseError;
    final SipError validation;
    final SipError detail;
    final boolean canReply;

    Parsed(byte[] bytes, Framing framing) {
        this(ByteBuffer.wrap(bytes), 0, bytes.length, framing);
    }

    Parsed(ByteBuffer buf, int off, int len, Framing framing) {
        this.buf = buf;
        parseError = new SipParser().parse(buf, off, len, framing, msg);
        SipValidator validator = new SipValidator();
        validation = validator.validate(msg);
        detail = validator.detail();
        canReply = validator.canReply(msg);
    }

    static Parsed datagram(String text) {
        return new Parsed(text.getBytes(StandardCharsets.UTF_8), Framing.DATAGRAM);
    }

    static Parsed stream(String text) {
        return new Parsed(text.getBytes(StandardCharsets.UTF_8), Framing.STREAM);
    }

    String header(HeaderType type) {
        return msg.headerValue(type);
    }

    /** Every value of every header of this type, split at commas. */
    List<String> values(HeaderType type) {
        List<String> out = new ArrayList<>();
        HeaderValues values = new HeaderValues();
        for (int i = msg.firstHeader(type); i != SipMessage.ABSENT; i = msg.nextHeader(i)) {
            values.reset(buf, msg.headerValueOffset(i), msg.headerValueLength(i));
            while (values.next()) {
                out.add(values.value());
            }
        }
        return out;
    }

    /** The n-th via-parm of the message (0 = topmost), across header fields. */
    Via via(int n) {
        Via via = new Via();
        int seen = 0;
        for (int i = msg.firstHeader(HeaderType.VIA); i != SipMessage.ABSENT; i = msg.nextHeader(i)) {
            SipError e = via.parse(buf, msg.headerValueOffset(i), msg.headerValueLength(i));
            while (true) {
                assertEquals(SipError.NONE, e, "Via #" + seen);
                if (seen++ == n) {
                    return via;
                }
                if (!via.hasNext()) {
                    break;
                }
                e = via.next();
            }
        }
        throw new AssertionError("no Via #" + n);
    }

    int viaCount() {
        Via via = new Via();
        int count = 0;
        for (int i = msg.firstHeader(HeaderType.VIA); i != SipMessage.ABSENT; i = msg.nextHeader(i)) {
            via.parse(buf, msg.headerValueOffset(i), msg.headerValueLength(i));
            count++;
            while (via.hasNext()) {
                via.next();
                count++;
            }
        }
        return count;
    }

    NameAddr from() {
        NameAddr a = new NameAddr();
        assertEquals(SipError.NONE, msg.from(a));
        return a;
    }

    NameAddr to() {
        NameAddr a = new NameAddr();
        assertEquals(SipError.NONE, msg.to(a));
        return a;
    }

    /** The n-th value (0-based) of the headers of a name-addr list type such as Contact. */
    NameAddr nameAddr(HeaderType type, int n) {
        NameAddr a = new NameAddr();
        int seen = 0;
        for (int i = msg.firstHeader(type); i != SipMessage.ABSENT; i = msg.nextHeader(i)) {
            SipError e = a.parse(buf, msg.headerValueOffset(i), msg.headerValueLength(i));
            while (true) {
                assertEquals(SipError.NONE, e, type + " #" + seen);
                if (seen++ == n) {
                    return a;
                }
                if (!a.hasNext()) {
                    break;
                }
                e = a.next();
            }
        }
        throw new AssertionError("no " + type + " #" + n);
    }

    static SipUri uri(NameAddr a) {
        SipUri u = new SipUri();
        assertEquals(SipError.NONE, a.parseUri(u), "URI of " + a.uri());
        return u;
    }

    SipUri requestUri() {
        SipUri u = new SipUri();
        assertEquals(SipError.NONE, msg.requestUri(u));
        return u;
    }

    CSeq cseq() {
        CSeq c = new CSeq();
        assertEquals(SipError.NONE, msg.cseq(c));
        return c;
    }

    String string(int off, int len) {
        assertNotEquals(SipMessage.ABSENT, off);
        return SipBytes.string(buf, off, len);
    }

    /** Whole header field text (name through CRLF) of header i. */
    String line(int i) {
        return string(msg.headerLineOffset(i), msg.headerLineLength(i));
    }
}
