package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.sip.SipError.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every message of RFC 4475 and RFC 5118 in shared/corpus/sip-torture, handled as decided in
 * {@link #TABLE}: the parse result, the validation result (the 400/505 reason), its detail,
 * whether a response can be built, and the values a correct parse yields. Files are parsed as
 * UDP datagrams, as the RFCs present them.
 */
class TortureCorpusTest {

    /** What we expect for one corpus file. {@code deviation} explains a verdict the manifest does not give. */
    record Case(SipError parse, SipError validation, SipError detail, boolean canReply, String deviation,
            Consumer<Parsed> values) {
        boolean accepted() {
            return parse == NONE && validation == NONE;
        }
    }

    private static final Map<String, Case> TABLE = new LinkedHashMap<>();

    private static void valid(String file, Consumer<Parsed> values) {
        TABLE.put(file, new Case(NONE, NONE, NONE, true, null, values));
    }

    private static void validResponse(String file, Consumer<Parsed> values) {
        TABLE.put(file, new Case(NONE, NONE, NONE, false, null, values)); // nobody answers a response
    }

    private static void tolerated(String file, String why, Consumer<Parsed> values) {
        TABLE.put(file, new Case(NONE, NONE, NONE, true, why, values));
    }

    private static void rejected(String file, SipError parse, SipError validation, SipError detail, boolean canReply,
            Consumer<Parsed> values) {
        TABLE.put(file, new Case(parse, validation, detail, canReply, null, values));
    }

    static {
        // ---- RFC 4475 3.1.1: valid messages ----------------------------------------------
        valid("wsinv.dat", p -> {
            assertEquals(SipMethod.INVITE, p.msg.method());
            assertEquals("sip:vivekg@chair-dnrc.example.com;unknownparam", p.msg.requestUriString());
            SipUri ruri = p.requestUri();
            assertEquals("vivekg", ruri.user());
            assertEquals("chair-dnrc.example.com", ruri.host());
            assertEquals("unknownparam", ruri.params().name(0));
            assertEquals(14, p.msg.headerCount());
            NameAddr to = p.to();
            assertEquals("sip:vivekg@chair-dnrc.example.com", to.uri());
            assertEquals("1918181833n", to.tag());
            assertFalse(to.hasAngleBrackets());
            NameAddr from = p.from();
            assertEquals("J Rosenberg \\\"", from.displayName());
            assertEquals("sip:jdrosen@example.com", from.uri());
            assertEquals("98asjd8", from.tag());
            assertEquals(68, p.msg.maxForwards());
            assertEquals("wsinv.ndaksdj@192.0.2.1", p.header(HeaderType.CALL_ID));
            CSeq cseq = p.cseq();
            assertEquals(9, cseq.number());
            assertEquals(SipMethod.INVITE, cseq.method());
            // "Via  :" then "v:" with two via-parms: three hops, LWS around every '/'.
            assertEquals(2, p.msg.headerCount(HeaderType.VIA));
            assertEquals(3, p.viaCount());
            Via top = p.via(0);
            assertEquals("SIP", top.protocol());
            assertEquals("2.0", top.version());
            assertEquals("UDP", top.transport());
            assertEquals("192.0.2.2", top.host());
            assertEquals("390skdjuw", top.branch());
            assertEquals("spindle.example.com", p.via(1).host());
            assertEquals("TCP", p.via(1).transport());
            assertEquals("z9hG4bK9ikj8", p.via(1).branch());
            assertEquals("192.168.255.111", p.via(2).host());
            assertEquals("z9hG4bK30239", p.via(2).branch());
            int subject = p.msg.firstHeader(HeaderType.SUBJECT);
            assertEquals("s", p.msg.headerName(subject));
            assertEquals(0, p.msg.headerValueLength(subject));
            int newFangled = p.msg.firstHeader(HeaderType.OTHER);
            assertEquals("NewFangledHeader", p.msg.headerName(newFangled));
            assertEquals("newfangled value\r\n continued newfangled value", p.msg.headerValue(newFangled));
            assertEquals("UnknownHeaderWithUnusualValue", p.msg.headerName(p.msg.nextHeader(newFangled)));
            assertEquals(";;,,;;,;", p.msg.headerValue(p.msg.nextHeader(newFangled)));
            SipUri route = Parsed.uri(p.nameAddr(HeaderType.ROUTE, 0));
            assertTrue(route.lr());
            assertEquals("services.example.com", route.host());
            assertEquals("value", route.params().value("unknownwith"));
            assertTrue(route.params().has("unknown-no-value"));
            NameAddr contact = p.nameAddr(HeaderType.CONTACT, 0);
            assertEquals("Quoted string \"\"", contact.displayName());
            assertEquals("sip:jdrosen@example.com", contact.uri());
            assertEquals("newvalue", contact.params().value("newparam"));
            assertEquals("", contact.params().value("secondparam"));
            assertEquals("0.33", contact.q());
            assertEquals("application/sdp", p.header(HeaderType.CONTENT_TYPE));
            assertEquals(150, p.msg.contentLength());
            assertEquals(150, p.msg.bodyLength());
            assertTrue(p.msg.body().startsWith("v=0\r\n"));
        });
        valid("intmeth.dat", p -> {
            assertEquals(SipMethod.OTHER, p.msg.method());
            assertEquals("!interesting-Method0123456789_*+`.%indeed'~", p.msg.methodName());
            SipUri ruri = p.requestUri();
            assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", ruri.user());
            assertEquals("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", ruri.password());
            assertEquals("example.com", ruri.host());
            assertEquals("z9hG4bK-.!%66*_+`'~", p.via(0).branch());
            NameAddr to = p.to();
            assertEquals("BEL:\u0007 NUL:\u0000 DEL:\u007F", to.displayName());
            assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", Parsed.uri(to).user());
            NameAddr from = p.from();
            assertEquals("token1~` token2'+_ token3*%!.-", from.displayName());
            assertEquals("_token~1'+`*%!-.", from.tag());
            assertEquals("\"работающий\"", from.params().value("fromParam''~+*_!.-%"));
            assertEquals("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", p.header(HeaderType.CALL_ID));
            CSeq cseq = p.cseq();
            assertEquals(139122385, cseq.number());
            assertTrue(cseq.methodMatches(p.msg));
            assertEquals(255, p.msg.maxForwards());
            int ext = p.msg.firstHeader(HeaderType.OTHER);
            assertEquals("extensionHeader-!.%*+_`'~", p.msg.headerName(ext));
            assertEquals("\uFEFF大停電", p.msg.headerValue(ext));
        });
        valid("esc01.dat", p -> {
            SipUri ruri = p.requestUri();
            assertEquals("sips%3Auser%40example.com", ruri.user());
            assertEquals("sips:user@example.com", ruri.userUnescaped());
            assertEquals("example.net", ruri.host());
            assertEquals("user", Parsed.uri(p.to()).userUnescaped());
            assertEquals("I have spaces", Parsed.uri(p.from()).userUnescaped());
            assertEquals("938", p.from().tag());
            assertEquals("esc01.239409asdfakjkn23onasd0-3234", p.header(HeaderType.CALL_ID));
            assertEquals("application/sdp", p.header(HeaderType.CONTENT_TYPE)); // "C:"
            SipUri contact = Parsed.uri(p.nameAddr(HeaderType.CONTACT, 0));
            assertEquals("caller", contact.userUnescaped());
            assertTrue(contact.lr(), "%6C%72 is lr once unescaped");
            assertEquals(2, contact.params().count());
            assertEquals("v%61lue%25%34%31", contact.params().value(1));
            assertEquals(150, p.msg.bodyLength());
        });
        valid("escnull.dat", p -> {
            assertEquals("null-\u0000-null", Parsed.uri(p.to()).userUnescaped());
            assertEquals("839923423", p.from().tag());
            assertEquals(2, p.msg.headerCount(HeaderType.CONTACT));
            assertEquals("%00", Parsed.uri(p.nameAddr(HeaderType.CONTACT, 0)).user());
            assertEquals("%00%00", Parsed.uri(p.nameAddr(HeaderType.CONTACT, 1)).user());
            assertEquals(0, p.msg.contentLength()); // "L:0"
        });
        valid("esc02.dat", p -> {
            // Methods are case-sensitive tokens and never unescaped: RE%47IST%45R is not REGISTER.
            assertEquals(SipMethod.OTHER, p.msg.method());
            assertEquals("RE%47IST%45R", p.msg.methodName());
            assertEquals("RE%47IST%45R", p.cseq().methodName());
            assertEquals("%Z%45", p.to().displayName());
            assertEquals("z9hG4bK209%fzsnel234", p.via(0).branch());
            assertEquals(2, p.msg.headerCount(HeaderType.CONTACT)); // C%6Fntact is not Contact
            int other = p.msg.firstHeader(HeaderType.OTHER);
            assertEquals("C%6Fntact", p.msg.headerName(other));
        });
        valid("lwsdisp.dat", p -> {
            NameAddr from = p.from();
            assertEquals("caller", from.displayName());
            assertEquals("sip:caller@example.com", from.uri());
            assertEquals("323", from.tag());
        });
        valid("longreq.dat", p -> {
            NameAddr to = p.to();
            assertTrue(to.displayName().startsWith("I have a user name of extremeextreme"));
            SipUri toUri = Parsed.uri(to);
            assertEquals(6000, toUri.port());
            assertEquals(3, toUri.params().count());
            assertEquals("shortvalue", toUri.params().value(1));
            NameAddr from = p.from();
            assertEquals(155, from.tagLength());
            assertTrue(from.tag().startsWith("12982982982982"));
            assertEquals(3, from.params().count());
            assertTrue(p.header(HeaderType.CALL_ID).endsWith("reallylongcallid"));
            assertEquals(34, p.msg.headerCount(HeaderType.VIA));
            assertEquals("sip33.example.com", p.via(0).host());
            assertFalse(p.via(0).hasBranch());
            assertEquals("sip32.example.com", p.via(1).host());
            Via last = p.via(33);
            assertEquals("host.example.com", last.host());
            assertEquals("192.0.2.5", last.received());
            assertTrue(last.branch().endsWith("longbranchvalue"));
            assertEquals(150, p.msg.contentLength());
        });
        valid("dblreq.dat", p -> {
            // Only the first message counts; what follows Content-Length: 0 is ignored.
            assertEquals(SipMethod.REGISTER, p.msg.method());
            assertEquals("dblreq.0ha0isndaksdj99sdfafnl3lk233412", p.header(HeaderType.CALL_ID));
            assertEquals(300, p.msg.length());
            assertEquals(750, p.msg.inputLength());
            assertEquals(0, p.msg.bodyLength());
        });
        valid("semiuri.dat", p -> {
            SipUri ruri = p.requestUri();
            assertEquals("user;par=u%40example.net", ruri.user());
            assertEquals("example.com", ruri.host());
            assertEquals(0, ruri.params().count());
            assertEquals(List.of("application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed",
                    "message/sip", "message/sipfrag"), p.values(HeaderType.ACCEPT));
        });
        valid("transports.dat", p -> {
            assertEquals("transports.kijh4akdnaqjkwendsasfdj", p.header(HeaderType.CALL_ID));
            List<String> transports = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                transports.add(p.via(i).transport());
            }
            assertEquals(List.of("UDP", "SCTP", "TLS", "UNKNOWN", "TCP"), transports);
        });
        valid("mpart01.dat", p -> {
            assertEquals(SipMethod.MESSAGE, p.msg.method());
            Via via = p.via(0);
            assertEquals("127.0.0.1", via.host());
            assertEquals(5070, via.port());
            assertTrue(via.hasRport());
            assertEquals(SipNumbers.ABSENT, via.rport());
            assertEquals("multipart/mixed;boundary=7a9cbec02ceef655", p.header(HeaderType.CONTENT_TYPE));
            assertTrue(p.header(HeaderType.IDENTITY).startsWith("r5mwreLuyDRYBi/0TiPwEsY3rEVsk"));
            assertEquals("Sat, 15 Oct 2005 04:44:56 GMT", p.header(HeaderType.DATE));
            assertEquals(553, p.msg.bodyLength());
            assertEquals('-', p.buf.get(p.msg.bodyOffset()));
        });
        validResponse("unreason.dat", p -> {
            assertTrue(p.msg.isResponse());
            assertEquals(200, p.msg.statusCode());
            assertEquals("= 2**3 * 5**2 но сто девяносто девять - простое", p.msg.reasonPhrase());
            assertEquals("2229", p.to().tag());
            assertEquals(154, p.msg.bodyLength());
        });
        validResponse("noreason.dat", p -> {
            assertEquals(100, p.msg.statusCode());
            assertEquals(0, p.msg.reasonLength());
            assertEquals("902jndnke3", p.to().tag());
        });

        // ---- RFC 4475 3.1.2: invalid messages --------------------------------------------
        // Empty Via/Contact parameters: the Via is unusable, so no response can be routed.
        rejected("badinv01.dat", NONE, BAD_VIA, EMPTY_PARAMETER, false, p -> {
            assertEquals(152, p.msg.bodyLength());
        });
        rejected("clerr.dat", NONE, CONTENT_LENGTH_EXCEEDS_MESSAGE, NONE, true, p -> {
            assertEquals(9999, p.msg.contentLength());
            assertEquals(154, p.msg.bodyLength());
        });
        rejected("ncl.dat", BAD_CONTENT_LENGTH, BAD_CONTENT_LENGTH, NONE, true, p -> {
            assertEquals(SipNumbers.MALFORMED, p.msg.contentLength());
            assertEquals("-999", p.string(p.msg.errorOffset(), 4));
        });
        rejected("scalar02.dat", NONE, CSEQ_NUMBER_TOO_LARGE, NONE, true, p -> {
            assertEquals(SipNumbers.TOO_LARGE, p.cseq().number());
            assertEquals(300, p.msg.maxForwards());
            assertEquals(SipNumbers.TOO_LARGE, p.msg.expires());
            assertEquals(SipNumbers.TOO_LARGE, p.nameAddr(HeaderType.CONTACT, 0).expires());
        });
        rejected("scalarlg.dat", NONE, CSEQ_NUMBER_TOO_LARGE, NONE, false, p -> {
            assertTrue(p.msg.isResponse());
            assertEquals(503, p.msg.statusCode());
            assertEquals(SipNumbers.TOO_LARGE, p.cseq().number());
        });
        rejected("quotbal.dat", NONE, BAD_TO, UNTERMINATED_QUOTED_STRING, false, p -> {
            assertEquals("93334", p.from().tag());
        });
        rejected("ltgtruri.dat", BAD_REQUEST_URI, BAD_REQUEST_URI, NONE, true, p -> {
            assertEquals("<sip:user@example.com>", p.msg.requestUriString());
        });
        rejected("lwsruri.dat", WHITESPACE_IN_REQUEST_URI, WHITESPACE_IN_REQUEST_URI, NONE, true, p -> {
            assertEquals("sip:user@example.com; lr", p.msg.requestUriString());
        });
        rejected("lwsstart.dat", EXTRA_WHITESPACE_IN_REQUEST_LINE, EXTRA_WHITESPACE_IN_REQUEST_LINE, NONE, true,
                p -> assertEquals(SipMethod.INVITE, p.msg.method()));
        tolerated("trws.dat", "RFC 4475 3.1.2.10 allows accepting trailing SP after the Request-Line robustly", p -> {
            assertEquals("sip:remote-target@example.com", p.msg.requestUriString());
            assertEquals(7, p.msg.versionLength());
        });
        rejected("escruri.dat", NONE, REQUEST_URI_HAS_HEADERS, NONE, true, p -> {
            assertEquals("Route=%3Csip:example.com%3E", p.requestUri().headers());
        });
        tolerated("baddate.dat", "RFC 4475 3.1.2.12: a proxy may forward the bad Date untouched; the parser"
                + " never interprets Date", p -> {
                    assertEquals("Fri, 01 Jan 2010 16:00:00 EST", p.header(HeaderType.DATE));
                });
        rejected("regbadct.dat", NONE, BAD_CONTACT, URI_NEEDS_ANGLE_BRACKETS, true, p -> { });
        // Both 400s below cannot be sent: To does not parse, and a response must echo it with a tag.
        rejected("badaspec.dat", NONE, BAD_TO, WHITESPACE_IN_ANGLE_BRACKETS, false, p -> { });
        rejected("baddn.dat", INCOMPLETE_HEADERS, INCOMPLETE_HEADERS, NONE, false, p -> {
            // The archived copy lacks the final empty line: malformed for that alone (RFC 3261 7),
            // and its From does not parse (the RFC's point), so it cannot be answered.
            assertTrue(p.msg.headersComplete());
            assertEquals(p.msg.inputOffset() + p.msg.inputLength(), p.msg.headersEndOffset());
        });
        rejected("badvers.dat", VERSION_NOT_SUPPORTED, VERSION_NOT_SUPPORTED, NONE, true, p -> {
            assertEquals(505, VERSION_NOT_SUPPORTED.statusCode());
            assertEquals("SIP/7.0", p.string(p.msg.versionOffset(), p.msg.versionLength()));
            assertEquals("7.0", p.via(0).version());
        });
        rejected("mismatch01.dat", NONE, CSEQ_METHOD_MISMATCH, NONE, true, p -> {
            assertEquals(SipMethod.OPTIONS, p.msg.method());
            assertEquals(SipMethod.INVITE, p.cseq().method());
        });
        rejected("mismatch02.dat", NONE, CSEQ_METHOD_MISMATCH, NONE, true, p -> {
            assertEquals("NEWMETHOD", p.msg.methodName());
            assertEquals(138, p.msg.contentLength());
        });
        rejected("bigcode.dat", BAD_STATUS_CODE, BAD_STATUS_CODE, NONE, false, p -> {
            assertTrue(p.msg.isResponse());
            assertEquals(0, p.msg.statusCode());
        });

        // ---- RFC 4475 3.2-3.4: syntactically valid, semantically odd --------------------
        // A branch without anything after the magic cookie is well-formed (RFC 2543-style matching).
        valid("badbranch.dat", p -> assertEquals("z9hG4bK", p.via(0).branch()));
        rejected("insuf.dat", NONE, MISSING_FROM, NONE, false, p -> {
            assertEquals(SipMessage.ABSENT, p.msg.firstHeader(HeaderType.CALL_ID));
            assertEquals(SipMessage.ABSENT, p.msg.firstHeader(HeaderType.TO));
        });
        // Unknown / unusual schemes are the application's business (416), not a parse error.
        valid("unkscm.dat", p -> {
            SipUri ruri = p.requestUri();
            assertEquals(SipUri.Scheme.OTHER, ruri.scheme());
            assertEquals("nobodyKnowsThisScheme".length(), ruri.schemeLength());
        });
        valid("novelsc.dat", p -> assertEquals(SipUri.Scheme.OTHER, p.requestUri().scheme()));
        valid("unksm2.dat", p -> {
            NameAddr to = p.to();
            assertEquals("isbn:2983792873", to.uri());
            assertEquals(SipUri.Scheme.OTHER, Parsed.uri(to).scheme());
            assertEquals("http://www.example.com", p.from().uri());
            assertEquals("3234233", p.from().tag());
            assertEquals("name:John_Smith", p.nameAddr(HeaderType.CONTACT, 0).uri());
        });
        valid("bext01.dat", p -> {
            assertEquals(List.of("nothingSupportsThis", "nothingSupportsThisEither"), p.values(HeaderType.REQUIRE));
            assertEquals(List.of("noProxiesSupportThis", "norDoAnyProxiesSupportThis"),
                    p.values(HeaderType.PROXY_REQUIRE));
        });
        valid("invut.dat", p -> {
            assertEquals("application/unknownformat", p.header(HeaderType.CONTENT_TYPE));
            assertEquals(40, p.msg.bodyLength());
            assertTrue(p.msg.body().startsWith("<audio>"));
        });
        valid("regaut01.dat", p -> {
            assertEquals("NoOneKnowsThisScheme opaque-data=here", p.header(HeaderType.AUTHORIZATION));
            assertEquals(0, p.msg.contentLength());
        });
        rejected("multi01.dat", NONE, DUPLICATE_FROM, NONE, true, p -> {
            assertEquals(2, p.msg.headerCount(HeaderType.CSEQ));
            assertEquals(2, p.msg.headerCount(HeaderType.CALL_ID));
            assertEquals(2, p.msg.headerCount(HeaderType.TO));
            assertEquals(2, p.msg.headerCount(HeaderType.MAX_FORWARDS));
        });
        rejected("mcl01.dat", NONE, MULTIPLE_CONTENT_LENGTH, NONE, true, p -> {
            assertEquals(2, p.msg.headerCount(HeaderType.CONTENT_LENGTH));
        });
        validResponse("bcast.dat", p -> {
            assertEquals("255.255.255.255", p.via(1).host());
            Via second = new Via();
            assertEquals(NONE, p.msg.secondVia(second));
            assertEquals("z9hG4bK1saber23", second.branch());
        });
        valid("zeromf.dat", p -> assertEquals(0, p.msg.maxForwards()));
        valid("cparam01.dat", p -> {
            // Without <>, ;unknownparam belongs to the header, not to the URI.
            NameAddr contact = p.nameAddr(HeaderType.CONTACT, 0);
            assertEquals("sip:+19725552222@gw1.example.net", contact.uri());
            assertTrue(contact.params().has("unknownparam"));
            assertEquals(0, Parsed.uri(contact).params().count());
        });
        valid("cparam02.dat", p -> {
            NameAddr contact = p.nameAddr(HeaderType.CONTACT, 0);
            assertEquals(0, contact.params().count());
            assertTrue(Parsed.uri(contact).params().has("unknownparam"));
        });
        valid("regescrt.dat", p -> {
            SipUri contact = Parsed.uri(p.nameAddr(HeaderType.CONTACT, 0)); // "M:"
            assertEquals("Route=%3Csip:sip.example.com%3E", contact.headers());
        });
        valid("sdp01.dat", p -> assertEquals("text/nobodyKnowsThis", p.header(HeaderType.ACCEPT)));
        valid("inv2543.dat", p -> {
            // RFC 2543 peer: no Content-Length (body runs to the datagram end), no branch,
            // no From tag, no Max-Forwards.
            assertEquals(SipNumbers.ABSENT, p.msg.contentLength());
            assertEquals(105, p.msg.bodyLength());
            assertFalse(p.via(0).hasBranch());
            assertEquals("iftgw.example.com", p.via(0).host());
            assertNull(p.from().tag());
            assertEquals(SipNumbers.ABSENT, p.msg.maxForwards());
            assertEquals("phone", p.to().params().value("user"), "addr-spec: ;user= is a header param");
            SipUri from = Parsed.uri(p.from());
            assertEquals("phone", from.paramValue(from.userParam()));
            SipUri rr = Parsed.uri(p.nameAddr(HeaderType.RECORD_ROUTE, 0));
            assertEquals("ss1.example.com", rr.paramValue(rr.maddrParam()));
        });

        // ---- RFC 5118 ----------------------------------------------------------------------
        valid("ipv6-good.dat", p -> {
            SipUri ruri = p.requestUri();
            assertEquals("[2001:db8::10]", ruri.host());
            assertTrue(ruri.isIpv6Reference());
            assertEquals(-1, ruri.port());
            assertEquals("[2001:db8::9:1]", p.via(0).host());
            NameAddr contact = p.nameAddr(HeaderType.CONTACT, 0);
            assertEquals("Caller", contact.displayName());
            assertEquals("[2001:db8::1]", Parsed.uri(contact).host());
        });
        rejected("ipv6-bad.dat", NONE, BAD_REQUEST_URI, URI_BAD_PORT, true, p -> { });
        // Well-formed: the port inside the brackets is just part of the address.
        valid("port-ambiguous.dat", p -> {
            assertEquals("[2001:db8::10:5070]", p.requestUri().host());
            assertFalse(p.requestUri().hasExplicitPort());
        });
        valid("port-unambiguous.dat", p -> {
            assertEquals("[2001:db8::10]", p.requestUri().host());
            assertEquals(5070, p.requestUri().port());
        });
        tolerated("via-received-param-with-delim.dat", "RFC 5118 4.5: received=[v6] violates RFC 3261 ABNF but"
                + " must still be parsed", p -> {
                    assertEquals(SipMethod.BYE, p.msg.method());
                    assertEquals("[2001:db8::9:255]", p.via(0).received());
                    assertEquals("z9hG4bKas3-111", p.via(0).branch());
                });
        valid("via-received-param-no-delim.dat", p -> {
            assertEquals("2001:db8::9:255", p.via(0).received());
            assertEquals("z9hG4bKas3", p.via(0).branch());
        });
        TABLE.put("ipv6-in-sdp.dat", new Case(NONE, CONTENT_LENGTH_EXCEEDS_MESSAGE, NONE, true,
                "RFC 5118 4.6 prints Content-Length 268 for a 251-octet body (an erratum of the RFC text)."
                        + " RFC 3261 18.3 makes a datagram whose Content-Length exceeds it invalid, exactly as"
                        + " clerr.dat; the parser cannot tell an erratum from truncation. Everything else parses,"
                        + " and the message is accepted once its Content-Length is corrected.",
                p -> {
                    assertEquals("[2001:db8::10]", p.requestUri().host());
                    assertEquals("[2001:db8::10]", Parsed.uri(p.to()).host());
                    assertEquals("[2001:db8::20]", p.via(0).host());
                    assertEquals(268, p.msg.contentLength());
                    assertEquals(251, p.msg.bodyLength());
                    byte[] fixed = new String(bytesOf(p), StandardCharsets.ISO_8859_1)
                            .replace("Content-Length: 268", "Content-Length: 251").getBytes(StandardCharsets.ISO_8859_1);
                    Parsed corrected = new Parsed(fixed, Framing.DATAGRAM);
                    assertEquals(NONE, corrected.validation);
                }));
        valid("mult-ip-in-header.dat", p -> {
            assertEquals("[2001:db8::9:1]", p.via(0).host());
            assertEquals(6050, p.via(0).port());
            assertEquals("192.0.2.1", p.via(1).host());
            assertEquals("[2001:db8::9:255]", p.via(2).host());
            assertEquals("192.0.2.200", p.via(2).received());
        });
        // Content-Length below the datagram: the rest is ignored (RFC 3261 18.3).
        valid("mult-ip-in-sdp.dat", p -> {
            assertEquals(181, p.msg.bodyLength());
            assertEquals(p.msg.inputLength() - 8, p.msg.length());
        });
        valid("ipv4-mapped-ipv6.dat", p -> {
            assertEquals("[::ffff:192.0.2.10]", p.via(0).host());
            assertEquals(19823, p.via(0).port());
            assertEquals("[::ffff:192.0.2.2]", p.via(1).host());
            assertEquals("[::ffff:192.0.2.2]", Parsed.uri(p.nameAddr(HeaderType.CONTACT, 0)).host());
            assertEquals(236, p.msg.bodyLength());
        });
        tolerated("ipv6-bug-abnf-3-colons.dat", "RFC 5118 4.10: the three-colon form may be accepted robustly;"
                + " the host is kept verbatim for the application", p -> {
                    assertEquals("[2001:db8:::192.0.2.1]", p.requestUri().host());
                });
        valid("ipv6-correct-abnf-2-colons.dat", p -> {
            assertEquals("[2001:db8::192.0.2.1]", p.requestUri().host());
            assertEquals("[2001:db8::192.0.2.1]", Parsed.uri(p.to()).host());
        });
    }

    private static byte[] bytesOf(Parsed p) {
        byte[] b = new byte[p.msg.inputLength()];
        p.buf.get(p.msg.inputOffset(), b);
        return b;
    }

    /** The corpus sits in shared/ beside the repository: {@code <repo>/../shared/corpus/sip-torture}. */
    static Path corpusDir() {
        String repo = System.getProperty("sipbridge.repo", System.getProperty("user.dir"));
        Path dir = Paths.get(repo).resolve("../shared/corpus/sip-torture").normalize();
        assertTrue(Files.isRegularFile(dir.resolve("MANIFEST.tsv")), "torture corpus not found at " + dir);
        return dir;
    }

    record ManifestRow(String file, boolean valid, String section, String note) {
    }

    static List<ManifestRow> manifest() throws IOException {
        List<ManifestRow> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(corpusDir().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(new ManifestRow(f[0], f[1].equals("valid"), f[2], f[4]));
        }
        return rows;
    }

    @Test
    void tableCoversTheManifestExactly() throws IOException {
        List<String> files = manifest().stream().map(ManifestRow::file).toList();
        assertEquals(61, files.size());
        assertEquals(List.copyOf(TABLE.keySet()).stream().sorted().toList(), files.stream().sorted().toList());
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileAsDatagram() throws IOException {
        Path dir = corpusDir();
        return manifest().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> {
            Case expected = TABLE.get(row.file());
            byte[] bytes = Files.readAllBytes(dir.resolve(row.file()));
            Parsed p = new Parsed(bytes, Framing.DATAGRAM);
            assertEquals(expected.parse(), p.parseError, "parse");
            assertEquals(expected.validation(), p.validation, "validation");
            assertEquals(expected.detail(), p.detail, "detail");
            assertEquals(expected.canReply(), p.canReply, "canReply");
            if (expected.accepted() != row.valid()) {
                assertTrue(expected.deviation() != null && !expected.deviation().isBlank(),
                        "verdict differs from the manifest (" + row.section() + ") without a rationale");
            }
            expected.values().accept(p);
        }));
    }

    /** The same bytes in a direct buffer at a non-zero offset give the same answers. */
    @TestFactory
    Stream<DynamicTest> everyCorpusFileFromDirectBufferAtOffset() throws IOException {
        Path dir = corpusDir();
        return manifest().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> {
            byte[] bytes = Files.readAllBytes(dir.resolve(row.file()));
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 100);
            direct.position(37);
            direct.put(bytes);
            Parsed p = new Parsed(direct, 37, bytes.length, Framing.DATAGRAM);
            Case expected = TABLE.get(row.file());
            assertEquals(expected.parse(), p.parseError);
            assertEquals(expected.validation(), p.validation);
            expected.values().accept(p);
        }));
    }

    /**
     * Over a stream, two copies of each file whose Content-Length matches its body exactly frame
     * back into two messages of the file's length, and parse as over UDP.
     */
    @TestFactory
    Stream<DynamicTest> exactLengthCorpusFilesOverAStream() throws IOException {
        Path dir = corpusDir();
        return manifest().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> {
            byte[] bytes = Files.readAllBytes(dir.resolve(row.file()));
            Parsed udp = new Parsed(bytes, Framing.DATAGRAM);
            boolean exact = udp.msg.contentLength() == udp.msg.bodyLength()
                    && udp.msg.headerCount(HeaderType.CONTENT_LENGTH) == 1
                    && udp.msg.length() == bytes.length && udp.msg.headersEndOffset() < bytes.length;
            if (!exact) {
                return;
            }
            ByteBuffer twice = ByteBuffer.allocate(bytes.length * 2).put(bytes).put(bytes);
            StreamFramer framer = new StreamFramer();
            for (int copy = 0; copy < 2; copy++) {
                assertEquals(StreamFramer.Status.MESSAGE, framer.frame(twice, copy * bytes.length, bytes.length * (2 - copy)));
                assertEquals(bytes.length, framer.length());
            }
            Parsed tcp = new Parsed(twice, bytes.length, bytes.length, Framing.STREAM);
            assertEquals(udp.parseError, tcp.parseError);
            assertEquals(udp.validation, tcp.validation);
            assertEquals(udp.msg.headerCount(), tcp.msg.headerCount());
            byte[] copy = new byte[bytes.length];
            twice.get(bytes.length, copy);
            assertArrayEquals(bytes, copy);
        }));
    }

    @Test
    void callIdLocatorAgreesWithTheParserOnEveryFile() throws IOException {
        Path dir = corpusDir();
        for (ManifestRow row : manifest()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(row.file()));
            Parsed p = new Parsed(bytes, Framing.DATAGRAM);
            assertEquals(p.msg.callIdHash(), CallIdLocator.hash(p.buf, 0, bytes.length), row.file());
        }
    }
}
