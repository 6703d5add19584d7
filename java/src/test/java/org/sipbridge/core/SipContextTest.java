package org.sipbridge.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.RouteType;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipError;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;
import org.sipbridge.testing.TestModules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The per-message context: Java state and the C view stay in step. */
class SipContextTest {
    private static final String INVITE = SlotMessage.crlf("""
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
            Max-Forwards: 70
            From: <sip:alice@atlanta.example.com>;tag=1
            To: <sip:bob@biloxi.example.com>
            Call-ID: ctx-test@192.0.2.10
            CSeq: 1 INVITE
            User-Agent: test
            Content-Length: 0

            """);

    private ModuleSystem ms;
    private SipContext ctx;

    @BeforeEach
    void setUp() {
        ms = TestModules.loaded("msgtest.so");
        ms.initModules();
        ctx = new SipContext();
    }

    @AfterEach
    void tearDown() {
        ms.close();
        ctx.close();
    }

    private SipError load(String text) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        return ctx.load(b, 0, b.remaining(), Framing.DATAGRAM, SlotMessage.FROM_CLIENT);
    }

    private CallSite fn(String name, String... args) {
        return ms.bind(ms.lookup(name, args.length, RouteType.REQUEST),
                java.util.Arrays.stream(args).map(Argument::string).toList());
    }

    @Test
    void javaRewritesMadeBeforeTheViewReachC() {
        assertEquals(SipError.NONE, load(INVITE));
        ctx.setNewUri("sip:carol@example.com");
        ctx.setFlags(3);
        try (LogCapture log = LogCapture.of("msgtest")) {
            fn("msgtest_dump").call(ctx);
            assertTrue(log.messages().contains("mt_dump: new_uri=sip:carol@example.com dst_uri= flags=3 msg_flags=0"),
                    log.messages().toString());
        }
    }

    @Test
    void cRewritesAreSeenByJava() {
        load(INVITE);
        assertEquals("sip:bob@biloxi.example.com", ctx.requestUri());
        fn("msgtest_set_ruri", "sip:dave@example.org").call(ctx);
        fn("msgtest_set_duri", "sip:192.0.2.7:5080").call(ctx);
        assertEquals("sip:dave@example.org", ctx.requestUri());
        assertEquals("sip:192.0.2.7:5080", ctx.dstUri());
    }

    @Test
    void eachMessageStartsClean() {
        load(INVITE);
        int first = ctx.id();
        fn("msgtest_set_ruri", "sip:dave@example.org").call(ctx);
        ctx.setFlags(1);
        load(INVITE);
        assertNotEquals(first, ctx.id());
        assertEquals("sip:bob@biloxi.example.com", ctx.requestUri());
        assertNull(ctx.dstUri());
        assertEquals(0, ctx.flags());
    }

    @Test
    void applyChangesMakesLumpsPartOfTheMessage() {
        load(INVITE);
        fn("msgtest_change").call(ctx);
        assertEquals(SipMessageHeaders.of(ctx).contains("User-Agent"), true);
        assertEquals(SipError.NONE, ctx.applyChanges());
        assertFalse(SipMessageHeaders.of(ctx).contains("User-Agent"));
        assertTrue(SipMessageHeaders.of(ctx).contains("X-MsgTest"));
        assertEquals("sip:changed@example.net", ctx.requestUri(), "the rewrite stays a rewrite");
        assertEquals("sip:bob@biloxi.example.com", ctx.message().requestUriString());
        assertEquals(-1, ctx.message().firstHeader(HeaderType.MAX_FORWARDS));
    }

    /** Header names of the current parse. */
    private static final class SipMessageHeaders {
        static List<String> of(SipContext c) {
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < c.message().headerCount(); i++) {
                names.add(c.message().headerName(i));
            }
            return names;
        }
    }
}
