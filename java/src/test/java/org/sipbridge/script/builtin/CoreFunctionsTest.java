package org.sipbridge.script.builtin;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.RecordingOutbound;
import org.sipbridge.script.RunResult;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Java core functions, with the exact bytes they make the server send. */
class CoreFunctionsTest {

    @Test
    void slSendReplyWithPseudoVariables() {
        try (ScriptHarness h = ScriptHarness.of("route { $var(code) = 404; sl_send_reply(\"$var(code)\", \"No $rU here\"); }")) {
            h.request();
            assertEquals(SlotMessage.crlf("""
                    SIP/2.0 404 No bob here
                    Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
                    From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl
                    To: <sip:bob@biloxi.example.com>;tag=sbtag
                    Call-ID: 3848276298220188511@atlanta.example.com
                    CSeq: 314159 INVITE
                    Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))
                    Content-Length: 0

                    """), h.out.only().text());
        }
    }

    @Test
    void forwardWithJavaHeaderChanges() {
        try (ScriptHarness h = ScriptHarness.of("""
                route {
                    remove_hf("X-Multi");
                    remove_hf("l");
                    append_hf("X-Proxied: $rU\\r\\n");
                    $du = "sip:10.0.0.9:5080";
                    forward();
                }
                """)) {
            assertEquals(RunResult.COMPLETED, h.request());
            RecordingOutbound.Sent sent = h.out.only();
            assertEquals("sip:10.0.0.9:5080", sent.destination());
            // both X-Multi and Content-Length (by its compact name) removed, X-Proxied added last
            assertEquals(SlotMessage.crlf("""
                    INVITE sip:bob@biloxi.example.com SIP/2.0
                    Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsbtest
                    Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
                    Max-Forwards: 70
                    From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl
                    To: <sip:bob@biloxi.example.com>
                    Call-ID: 3848276298220188511@atlanta.example.com
                    CSeq: 314159 INVITE
                    Contact: <sip:alice@192.0.2.10:5062>
                    User-Agent: test-ua/1.0
                    X-Proxied: bob

                    """), sent.text());
        }
    }

    @Test
    void isMethodHasTotagAndFlags() {
        try (ScriptHarness h = ScriptHarness.of("""
                route {
                    if (is_method("BYE|INVITE")) xlog("method list");
                    if (is_method("ACK,CANCEL")) xlog("wrong");
                    if (!has_totag()) xlog("initial");
                    setflag(3);
                    if (isflagset(3)) xlog("flag 3");
                    resetflag(3);
                    if (!isflagset(3)) xlog("reset");
                }
                """); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("method list", "initial", "flag 3", "reset"), log.messages());
            assertEquals(0, h.ctx.flags());
        }
    }

    @Test
    void headersAddedByLumpsAreSeenAfterMsgApplyChanges() {
        try (ScriptHarness h = ScriptHarness.of("""
                route {
                    append_hf("X-Added: 1\\r\\n");
                    xlog("before=$hdr(X-Added)");
                    msg_apply_changes();
                    xlog("after=$hdr(X-Added)");
                }
                """); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("before=<null>", "after=1"), log.messages());
        }
    }

    @Test
    void xlogLevelsAndLog() {
        try (ScriptHarness h = ScriptHarness.of("""
                log_level=3
                route {
                    xlog("L_INFO", "info $rm\\n");
                    xlog("L_DBG", "debug is above log_level");
                    xlog("default is L_ERR");
                    log("plain $rm");
                    log(1, "warning");
                }
                """); LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture log = new LogCapture("log", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("INFO info INVITE", "ERROR default is L_ERR"),
                    xlog.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
            // 1.11's log(text) logs at L_DBG (4): above log_level=3, so only log(1, ...) shows
            assertEquals(List.of("WARN warning"),
                    log.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
        }
    }

    @Test
    void logAndXdbgDefaultToDebugAs111() {
        try (ScriptHarness h = ScriptHarness.of("""
                log_level=4
                route {
                    log("plain $rm");
                    log(-1, "an error");
                    xdbg("dbg $rm");
                    xlog("err $rm");
                }
                """); LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture log = new LogCapture("log", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("DEBUG plain $rm", "ERROR an error"),
                    log.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
            assertEquals(List.of("DEBUG dbg INVITE", "ERROR err INVITE"),
                    xlog.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
        }
    }

    @Test
    void forwardToAnExplicitDestination() {
        try (ScriptHarness h = ScriptHarness.of("route { forward(\"udp:10.1.1.1:5060\"); }")) {
            h.request();
            assertEquals("udp:10.1.1.1:5060", h.out.only().destination());
            assertNull(h.ctx.dstUri());
        }
    }
}
