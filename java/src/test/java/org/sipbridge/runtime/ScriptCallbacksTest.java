package org.sipbridge.runtime;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** script_cb.h: pre/post-script callbacks around every request and reply (scriptcb module). */
class ScriptCallbacksTest {
    private static final String SCRIPT = """
            loadmodule "scriptcb.so"
            route {
                setflag(5);
                if (isflagset(6)) xlog("script: pre ran"); else xlog("script: no pre");
            }
            onreply_route { xlog("reply route $rs"); }
            """;

    private static String with(String header) {
        return ScriptHarness.INVITE.replace("X-Multi: one\r\n", header + "\r\n");
    }

    private static int report(ScriptHarness h, String what) {
        CallSite s = h.script.modules().bind(h.script.modules().lookup("sc_report", 1, 1), List.of(Argument.string(what)));
        try {
            return s.call(h.ctx) - 1;
        } finally {
            s.close();
        }
    }

    private static boolean reply(ScriptHarness h, int code) {
        String text = SlotMessage.crlf("""
                SIP/2.0 %d Whatever
                Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsb1
                Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
                From: <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: <sip:bob@biloxi.example.com>;tag=x
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 314159 INVITE
                Content-Length: 0

                """.formatted(code));
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        SipContext ctx = h.ctx;
        assertEquals(SipError.NONE, ctx.load(ByteBuffer.wrap(b), 0, b.length, Framing.DATAGRAM, SlotMessage.FROM_CLIENT));
        return h.script.runReply(ctx);
    }

    @Test
    void preAndPostCallbacksRunAroundTheRouteInPriorityOrder() {
        try (ScriptHarness h = ScriptHarness.of(SCRIPT); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            h.request(with("X-NoPost: 1"));
            h.request(with("X-Drop: 1"));
            assertEquals(List.of("script: pre ran", "script: pre ran"), log.messages(), "the dropped one never ran");
            assertEquals(3, report(h, "pre"));
            assertEquals(3, report(h, "order_ok"), "prio 10 before prio 0, though registered later");
            assertEquals(0, report(h, "order_bad"));
            assertEquals(1, report(h, "post"), "X-NoPost and X-Drop skip the post callbacks");
            assertEquals(1, report(h, "post_saw_script"), "the post callback sees what the script did");
            assertEquals(2, report(h, "refused"), "no type / both PRE and POST are refused");
        }
    }

    @Test
    void replyCallbacksCanDropAReply() {
        try (ScriptHarness h = ScriptHarness.of(SCRIPT); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            assertTrue(reply(h, 180));
            assertFalse(reply(h, 183), "the pre-reply callback drops 183");
            assertEquals(List.of("reply route 180"), log.messages());
            assertEquals(2, report(h, "pre_rpl"));
            assertEquals(1, report(h, "post_rpl"));
        }
    }
}
