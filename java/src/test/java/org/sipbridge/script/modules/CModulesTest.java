package org.sipbridge.script.modules;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.script.compile.ScriptCompiler;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** C modules in the script: maxfwd and textops semantics, shadowing, pseudo-variables from C. */
class CModulesTest {
    private static final String NO_MAXFWD = ScriptHarness.INVITE.replace("Max-Forwards: 70\r\n", "");

    private static List<String> xlog(String script, String message) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request(message);
            return log.messages();
        }
    }

    @Test
    void maxfwdDecrementsInPlaceAddsWhenMissingAndStopsAtZero() {
        String script = """
                loadmodule "maxfwd.so"
                route {
                    mf_process_maxfwd_header("10"); $var(r1) = $rc;
                    mf_process_maxfwd_header("10"); $var(r2) = $rc;
                    xlog("$var(r1) $var(r2) [$hdr(Max-Forwards)]");
                    if (is_maxfwd_lt("69")) xlog("below 69"); else xlog("rc=$rc");
                }
                """;
        assertEquals(List.of("1 1 [68]", "below 69"), xlog(script, ScriptHarness.INVITE));
        assertEquals(List.of("1 1 [ 8]", "below 69"), xlog(script, ScriptHarness.INVITE.replace("Max-Forwards: 70", "Max-Forwards: 10")));
        assertEquals(List.of("2 2 [<null>]", "rc=-2"), xlog(script, NO_MAXFWD));
        assertEquals(List.of("-1 -1 [0]", "below 69"), xlog(script, ScriptHarness.INVITE.replace("Max-Forwards: 70", "Max-Forwards: 0")));
    }

    @Test
    void maxfwdLimitAndTheAddedHeaderInTheForwardedRequest() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "maxfwd.so"
                modparam("maxfwd", "max_limit", 16)
                route { mf_process_maxfwd_header("10"); forward(); }
                """)) {
            h.request();
            assertEquals(true, h.out.only().text().contains("\r\nMax-Forwards: 16\r\n"), h.out.only().text());
            h.request(NO_MAXFWD);
            // the added header is anchored before the first header, like our Via, and was added first
            assertEquals(SlotMessage.crlf("""
                    INVITE sip:bob@biloxi.example.com SIP/2.0
                    Max-Forwards: 10
                    Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsbtest
                    Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
                    From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl
                    To: <sip:bob@biloxi.example.com>
                    Call-ID: 3848276298220188511@atlanta.example.com
                    CSeq: 314159 INVITE
                    Contact: <sip:alice@192.0.2.10:5062>
                    User-Agent: test-ua/1.0
                    X-Multi: one
                    X-Multi: two
                    Content-Length: 0

                    """), h.out.only().text());
        }
    }

    @Test
    void textopsShadowsTheJavaFunctionsOfTheSameName() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "textops.so"
                route {
                    append_hf("X-C: $rU\\r\\n");
                    remove_hf("User-Agent");
                    if (is_method("INVITE,BYE") && !has_totag() && search("biloxi") && !search("^BYE")) forward();
                    sl_send_reply("500", "unused");
                }
                """)) {
            assertEquals(List.of("textops:append_hf/1", "textops:remove_hf/1", "textops:is_method/1",
                            "textops:has_totag/0", "textops:search/1", "textops:search/1", "core:forward/0",
                            "core:sl_send_reply/2"),
                    h.script.functionsUsed().stream().map(f -> f.module() + ":" + f.signature()).toList());
            h.request();
            assertEquals(2, h.out.sent.size());
            String fwd = h.out.sent.get(0).text();
            assertEquals(true, fwd.contains("X-Multi: two\r\nContent-Length: 0\r\nX-C: bob\r\n\r\n") && !fwd.contains("User-Agent"),
                    fwd);
        }
    }

    @Test
    void cReadsAndWritesScriptValuesThroughThePseudoVariableApi() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "pvtest.so"
                route {
                    pvtest_set("$var(x)", "v-$rU");
                    pvtest_set("$avp(a)", "first");
                    pvtest_set("$rU", "carol");
                    xlog("x=$var(x) avp=$avp(a) ru=$ru");
                    pvtest_get("$rd");
                    pvtest_get("$ml");
                    pvtest_get("$du");
                    pvtest_log("$rm to $ru, $$5");
                    $var(n) = 7;
                    pvtest_int("$var(n)"); xlog("int rc=$rc");
                    pvtest_int("-3"); xlog("const rc=$rc");
                }
                """); LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture c = new LogCapture("pvtest", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("x=v-bob avp=first ru=sip:carol@biloxi.example.com", "int rc=7", "const rc=-3"),
                    xlog.messages());
            assertEquals(List.of("pvtest_get: get 4 0 [biloxi.example.com]",
                    "pvtest_get: get 28 " + ScriptHarness.INVITE.length() + " [" + ScriptHarness.INVITE.length() + "]",
                    "pvtest_get: get 1 0 []",
                    "pvtest_log: log [INVITE to sip:carol@biloxi.example.com, $5]"), c.messages());
            assertEquals("sip:carol@biloxi.example.com", h.ctx.newUri());
        }
    }

    @Test
    void aReadOnlyOrUnknownPseudoVariableRefusesTheFixup() {
        String msg = assertThrows(ConfigException.class, () -> ScriptHarness.of(
                "loadmodule \"pvtest.so\"\nroute { pvtest_set(\"$rm\", \"x\"); }").close()).getMessage();
        assertEquals("t.cfg:2:9: fixup of pvtest_set (module pvtest) refused parameter 1 \"$rm\" (returned -6)", msg);
        // pseudo-variables inside a C function's argument are checked where they are written
        msg = assertThrows(ConfigException.class, () -> ScriptHarness.of(
                "loadmodule \"pvtest.so\"\nroute { pvtest_log(\"a $nope b\"); }").close()).getMessage();
        assertEquals("t.cfg:2:23: unknown pseudo-variable '$nope', expected one of $Ri, ", msg.substring(0, 66));
    }

    @Test
    void functionsUsedNameTheirModuleAndLine() {
        try (ScriptHarness h = ScriptHarness.of("loadmodule \"maxfwd.so\"\nroute {\n  mf_process_maxfwd_header(\"5\");\n}")) {
            ScriptCompiler.FunctionUse f = h.script.functionsUsed().get(0);
            assertEquals("maxfwd mf_process_maxfwd_header/1 t.cfg:3:3", f.module() + " " + f.signature() + " " + f.location());
        }
    }
}
