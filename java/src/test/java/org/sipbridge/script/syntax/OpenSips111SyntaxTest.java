package org.sipbridge.script.syntax;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 1.11 syntax of the stock configuration: from_uri/to_uri, NULL comparisons, constant
 * conditions, $avp(i:1)/$avp(s:x), sl_reply_error, send_reply.
 */
class OpenSips111SyntaxTest {

    private static List<String> xlog(String script) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            return log.messages();
        }
    }

    @Test
    void fromUriAndToUriAgainstMyselfStringsAndRegexes() {
        assertEquals(List.of("from local", "to not local", "from is alice", "to matches", "to differs", "negated"),
                xlog("""
                        alias="atlanta.example.com"
                        route {
                            if (from_uri==myself) xlog("from local"); else xlog("from not local");
                            if (to_uri==myself) xlog("to local"); else xlog("to not local");
                            if (from_uri=="sip:alice@atlanta.example.com") xlog("from is alice");
                            if (to_uri=~"^sip:bob@biloxi\\\\.") xlog("to matches");
                            if (to_uri!="sip:carol@biloxi.example.com") xlog("to differs");
                            if (!to_uri==myself) xlog("negated");
                        }
                        """));
    }

    @Test
    void nullComparisons() {
        assertEquals(List.of("rU set", "display name Alice", "var null", "avp null", "hdr null", "hdr not null"),
                xlog("""
                        route {
                            if ($rU==NULL) xlog("rU null"); else xlog("rU set");
                            if ($fn==NULL) xlog("fn null"); else if ($fn!=NULL) xlog("display name Alice");
                            $var(x) = NULL;
                            if ($var(x)==NULL) xlog("var null");
                            if ($avp(never)==NULL) xlog("avp null");
                            if ($hdr(X-None)==null) xlog("hdr null");
                            if ($hdr(X-Multi)!=NULL) xlog("hdr not null");
                        }
                        """));
    }

    @Test
    void rUIsNullWithoutAUser() {
        try (ScriptHarness h = ScriptHarness.of("route { if ($rU==NULL) xlog(\"no user\"); }");
             LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request(ScriptHarness.INVITE.replace("INVITE sip:bob@biloxi.example.com", "INVITE sip:biloxi.example.com"));
            assertEquals(List.of("no user"), log.messages());
        }
    }

    @Test
    void constantConditions() {
        assertEquals(List.of("one", "not zero", "string"), xlog("""
                route {
                    if (   0 ) xlog("zero");
                    if (1) xlog("one");
                    if (!0) xlog("not zero");
                    if ("") xlog("empty");
                    if ("x") xlog("string");
                    if (0) setflag(TCP_PERSISTENT);
                }
                """));
    }

    @Test
    void bareWordsAsComparedStringsMaxLenAndIfWithoutParentheses() {
        assertEquals(List.of("method word", "rm word", "proto word", "shorter than max_len", "not REGISTER", "neg"),
                xlog("""
                        route {
                            if (method==INVITE) xlog("method word");
                            if ($rm == INVITE) xlog("rm word");
                            if (proto == udp) xlog("proto word");
                            if (msg:len < max_len) xlog("shorter than max_len");
                            if (method != REGISTER) xlog("not REGISTER");
                            if !($rU == alice) xlog("neg");
                        }
                        """));
        ConfigException e = assertThrows(ConfigException.class, () -> ScriptHarness.of("route { if (INVITE) {} }").close());
        assertEquals("t.cfg:1:13: unexpected 'INVITE', expected an expression (a function call needs parentheses)",
                e.getMessage());
    }

    @Test
    void avpNameFormsOf111() {
        try (LogCapture config = new LogCapture("org.sipbridge.config", Level.DEBUG)) {
            assertEquals(List.of("i1=7 s=x plain=<null> one=<null>"), xlog("""
                    route {
                        $avp(i:1) = 7;
                        $avp(s:name) = "x";
                        xlog("i1=$avp(i:1) s=$avp(s:name) plain=$avp(name) one=$avp(1)");
                    }
                    """));
            assertTrue(config.messages().stream().anyMatch(m -> m.contains("deprecated AVP name format \"i:1\"")),
                    config.messages().toString());
        }
    }

    @Test
    void slReplyErrorRepliesWithThePreviousCallsError() {
        try (ScriptHarness h = ScriptHarness.of("route { $var(to) = \"sip:@\"; if (!forward(\"$var(to)\")) sl_reply_error(); }")) {
            h.request();
            assertTrue(h.out.only().text().startsWith("SIP/2.0 475 Bad URI (475/SL)\r\n"), h.out.only().text());
        }
        try (ScriptHarness h = ScriptHarness.of("route { xlog(\"x\"); sl_reply_error(); }")) {
            h.request();
            assertTrue(h.out.only().text().startsWith("SIP/2.0 500 Server error occurred (1/SL)\r\n"), h.out.only().text());
        }
    }

    @Test
    void sendReplyIsAStatelessReplyWithoutTm() {
        try (ScriptHarness h = ScriptHarness.of("route { send_reply(\"403\", \"Relay forbidden for $rU\"); }")) {
            h.request();
            assertTrue(h.out.only().text().startsWith("SIP/2.0 403 Relay forbidden for bob\r\n"), h.out.only().text());
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScriptHarness.of("route { send_reply(\"99\", \"x\"); }").close());
        assertEquals("t.cfg:1:9: send_reply: bad reply code <99>, expected a number from 100 to 699", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ScriptHarness.of("onreply_route { sl_reply_error(); }").close());
        assertTrue(e.getMessage().startsWith("t.cfg:1:17: Command <sl_reply_error> cannot be used in the block onreply_route"),
                e.getMessage());
    }
}
