package org.sipbridge.runtime;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dset.h from C over the message's destination set (dsettest module): branches the script
 * and C append, interleaved, are one set; the limit, bad indexes and per-message reset.
 */
class DsetTest {

    /** Runs the script on two requests; the xlog lines of each. */
    private static List<List<String>> run(String script) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            List<String> first = List.copyOf(log.messages());
            h.request();
            List<String> all = log.messages();
            return List.of(first, all.subList(first.size(), all.size()));
        }
    }

    @Test
    void branchesFromTheScriptAndFromCAreOneSet() {
        List<List<String>> out = run("""
                loadmodule "dsettest.so"
                route {
                    if (!dset_count_is("0")) xlog("left over from the last message");
                    append_branch("sip:s1@a.example");
                    dset_add("sip:c1@b.example", "sip:proxy.example:5070");
                    append_branch("sip:s2@a.example");
                    dset_add_ruri();
                    if (dset_count_is("4")) xlog("count 4");
                    if (dset_uri_is("0", "sip:s1@a.example") && dset_dst_is("0", "")) xlog("0 s1");
                    if (dset_uri_is("1", "sip:c1@b.example") && dset_dst_is("1", "sip:proxy.example:5070")) xlog("1 c1 via proxy");
                    if (dset_uri_is("2", "sip:s2@a.example")) xlog("2 s2");
                    if (dset_uri_is("3", "sip:bob@biloxi.example.com")) xlog("3 the R-URI");
                    if (dset_print_is("<sip:s1@a.example>, <sip:c1@b.example>;q=0.5, <sip:s2@a.example>, <sip:bob@biloxi.example.com>")) xlog("print_dset");
                    if (dset_flags()) xlog("bflags");
                    if (dset_b0_zero() && !isbflagset(MARK)) xlog("b0 flags cleared");
                    setbflag(MARK);
                    if (dset_b0_any()) xlog("C sees the script's branch-0 flag");
                    if (dset_b0_zero() && !isbflagset(MARK)) xlog("script sees C's setb0flags");
                    if (dset_remove("0") && dset_count_is("3") && dset_uri_is("0", "sip:c1@b.example")) xlog("removed 0");
                    if (dset_ruri_q()) xlog("ruri q");
                    if (dset_clear() && dset_count_is("0")) xlog("cleared");
                    append_branch("sip:s3@a.example");
                    if (dset_fill()) xlog("C filled up to the limit");
                    if (!append_branch("sip:over@a.example")) xlog("script refused past the limit");
                }
                """);
        assertEquals(List.of("count 4", "0 s1", "1 c1 via proxy", "2 s2", "3 the R-URI", "print_dset", "bflags",
                "b0 flags cleared", "C sees the script's branch-0 flag", "script sees C's setb0flags", "removed 0",
                "ruri q", "cleared", "C filled up to the limit", "script refused past the limit"), out.get(0));
        assertEquals(out.get(0), out.get(1), "a new message starts with an empty set");
    }

    @Test
    void cFillsTheSetToTheLimitAndTheNextAppendIsAnError() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "dsettest.so"
                route {
                    if (dset_fill()) xlog("full");
                    if (!append_branch("sip:over@a.example")) xlog("script refused");
                    if (dset_count_is("11")) xlog("11 branches");
                }
                """);
             LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture core = new LogCapture("core", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("full", "script refused", "11 branches"), xlog.messages());
            assertTrue(core.messages().stream().anyMatch(m -> m.contains("max nr of branches exceeded")),
                    core.messages().toString());
        }
    }

    @Test
    void badIndexesAreErrorsNotCrashes() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "dsettest.so"
                route {
                    dset_add("sip:c1@b.example", "");
                    if (dset_bad_input()) xlog("bad input refused");
                    if (dset_count_is("1") && dset_uri_is("0", "sip:c1@b.example")) xlog("set intact");
                }
                """);
             LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture core = new LogCapture("core", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("bad input refused", "set intact"), xlog.messages());
            assertTrue(core.messages().stream().anyMatch(m -> m.contains("no branch 1 to remove")),
                    core.messages().toString());
        }
    }
}
