package org.sipbridge.runtime;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8 point 5: a module that changes new_uri/dst_uri behind the core's back (free and
 * allocate again with the same length, or an edit in place: pointer and length unchanged)
 * must still be seen by $ru/$du and by forward().
 */
class UriChangeDetectionTest {

    private static List<String> run(ScriptHarness h) {
        try (LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            return log.messages();
        }
    }

    @Test
    void ruriEditedInPlaceIsSeenByTheScriptAndForward() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "uriswap.so"
                route {
                    $ru = "sip:bob@old.example.com";
                    ruri_edit("sip:bob@new.example.com"); $var(r) = $rc;
                    xlog("$var(r) $ru $rd");
                    forward();
                }
                """)) {
            assertEquals(List.of("1 sip:bob@new.example.com new.example.com"), run(h));
            assertEquals("sip:bob@new.example.com", h.out.only().destination());
            assertTrue(h.out.only().text().startsWith("INVITE sip:bob@new.example.com SIP/2.0\r\n"), h.out.only().text());
        }
    }

    @Test
    void ruriFreedAndAllocatedAgainWithTheSameLengthIsSeen() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "uriswap.so"
                route {
                    $ru = "sip:bob@old.example.com";
                    ruri_realloc("sip:bob@new.example.com"); $var(r) = $rc;
                    xlog("$ru");
                    ruri_realloc("sip:bob@two.example.com");
                    xlog("$ru");
                    forward();
                }
                """)) {
            for (int i = 0; i < 3; i++) {   // several messages: the slot's copy follows each
                assertEquals(List.of("sip:bob@new.example.com", "sip:bob@two.example.com"), run(h));
                assertEquals("sip:bob@two.example.com", h.out.only().destination());
            }
        }
    }

    @Test
    void dstUriChangedInPlaceOrReallocatedIsUsedByForward() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "uriswap.so"
                route {
                    $du = "sip:old.example.com:5080";
                    duri_edit("sip:new.example.com:5080");
                    xlog("$du");
                    duri_realloc("sip:two.example.com:5080");
                    xlog("$du");
                    forward();
                }
                """)) {
            assertEquals(List.of("sip:new.example.com:5080", "sip:two.example.com:5080"), run(h));
            assertEquals("sip:two.example.com:5080", h.out.only().destination());
        }
    }

    @Test
    void aRuriSetByCIsGoneForTheNextMessage() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "uriswap.so"
                route {
                    if ($hdr(X-Set) == "yes") { $ru = "sip:bob@old.example.com"; ruri_edit("sip:bob@new.example.com"); }
                    xlog("$ru");
                }
                """)) {
            try (LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
                h.request(ScriptHarness.INVITE.replace("X-Multi: one\r\n", "X-Set: yes\r\n"));
                h.request();
                assertEquals(List.of("sip:bob@new.example.com", "sip:bob@biloxi.example.com"), log.messages());
            }
        }
    }
}
