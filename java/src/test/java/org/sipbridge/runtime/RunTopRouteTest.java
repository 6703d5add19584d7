package org.sipbridge.runtime;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C modules run script routes (issue 8 part 1, "C modules run script routes"): the route
 * tables are filled from the script before mod_init, run_top_route runs the Java-compiled
 * route on the current message, on a message C built (its URIs, flags and lumps honoured
 * and handed back), from another thread, and refuses bad input with an error.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunTopRouteTest {

    private static final String SCRIPT = """
            loadmodule "routerun.so"
            loadmodule "textops.so"
            modparam("routerun", "route", "probe")
            modparam("routerun", "failure_route", "retry")
            route {
                $var(x) = "before";
                if ($hdr(X-Case) == "same") {
                    rr_run_same(); $var(rc) = $rc;
                    xlog("same: rc=$var(rc) var=$var(x) ru=$ru du=$du");
                    forward();
                    exit;
                }
                if ($hdr(X-Case) == "faked") {
                    if (rr_run_faked("sip:faked@example.com")) xlog("faked: ok"); else xlog("faked: wrong");
                    xlog("faked: own ru=$ru");
                    exit;
                }
                if ($hdr(X-Case) == "do") {
                    rr_do("sethostport", "new.example.com:5080"); xlog("$ru");
                    rr_do("prefix", "00"); xlog("$ru");
                    rr_do("strip", "1"); xlog("$ru");
                    rr_do("setuser", "carol"); xlog("$ru");
                    rr_do("sethost", "[2001:db8::1]"); xlog("$ru");
                    rr_do("setdst", "sip:proxy.example.com"); xlog("$du");
                    rr_do("revert", "-"); xlog("$ru");
                    rr_do("seturi", "sip:dave@example.net;transport=tcp"); xlog("$ru $rd");
                    exit;
                }
                if ($hdr(X-Case) == "bad") {
                    if (rr_bad()) xlog("bad: refused"); else xlog("bad: accepted");
                    exit;
                }
            }
            route[other] { xlog("other"); }
            route[probe] {
                if ($rm == "OPTIONS") { $du = "sip:timer-dst.example.com:5070"; exit; }
                $var(x) = "changed by route[probe]";
                $ru = "sip:probe@example.org";
                append_hf("X-Probe: 1\\r\\n");
                drop;
            }
            failure_route[first] { xlog("first"); }
            failure_route[retry] {
                if (isflagset(1)) $var(f) = "yes"; else $var(f) = "no";
                xlog("retry sees ru=$ru flag1=$var(f)");
                $du = $ru;
                $ru = "sip:next@example.com";
                setflag(3);
                append_hf("X-Retry: 1\\r\\n");
            }
            """;

    private static String with(String header) {
        return ScriptHarness.INVITE.replace("X-Multi: one\r\n", header + "\r\n");
    }

    @Test
    void aRouteOnTheCurrentMessageSharesItsStateAndReportsDrop() {
        try (ScriptHarness h = ScriptHarness.of(SCRIPT); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request(with("X-Case: same"));
            // drop = ACT_FL_DROP|ACT_FL_EXIT (5), +1 from the module
            assertEquals(List.of("same: rc=6 var=changed by route[probe] ru=sip:probe@example.org du=<null>"),
                    log.messages());
            String sent = h.out.only().text();
            assertTrue(sent.startsWith("INVITE sip:probe@example.org SIP/2.0\r\n"), sent);
            assertTrue(sent.contains("\r\nX-Probe: 1\r\n"), sent);
        }
    }

    @Test
    void aRouteOnAMessageCBuiltHonoursAndHandsBackUrisFlagsAndLumps() {
        try (ScriptHarness h = ScriptHarness.of(SCRIPT); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request(with("X-Case: faked"));
            assertEquals(List.of("retry sees ru=sip:faked@example.com flag1=yes", "faked: ok",
                    "faked: own ru=sip:bob@biloxi.example.com"), log.messages());
        }
    }

    @Test
    void doActionRewritesTheRequestUri() {
        try (ScriptHarness h = ScriptHarness.of(SCRIPT); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request(with("X-Case: do"));
            assertEquals(List.of("sip:bob@new.example.com:5080", "sip:00bob@new.example.com:5080",
                    "sip:0bob@new.example.com:5080", "sip:carol@new.example.com:5080",
                    "sip:carol@[2001:db8::1]:5080", "sip:proxy.example.com", "sip:bob@biloxi.example.com",
                    "sip:dave@example.net;transport=tcp example.net"), log.messages());
        }
    }

    @Test
    void routeTablesRefuseBadInputWithErrors() {
        try (ScriptHarness h = ScriptHarness.of(SCRIPT); LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture core = new LogCapture("core", Level.DEBUG)) {
            h.request(with("X-Case: bad"));
            assertEquals(List.of("bad: refused"), xlog.messages());
            // each refusal is an error code and an LM_ERR of the core (issue 8, bad input)
            List<String> errors = core.messages();
            for (String expected : new String[] {"no message (NULL)", "no route (an empty route table entry",
                    "route index out of range", "is NULL"}) {
                assertTrue(errors.stream().anyMatch(m -> m.contains(expected)), expected + " in " + errors);
            }
        }
    }

    @Test
    void aTimerRunsARouteOnARequestItBuiltOnItsOwnThread() throws Exception {
        try (ScriptHarness h = ScriptHarness.of(SCRIPT.replace("modparam(\"routerun\", \"route\", \"probe\")",
                "modparam(\"routerun\", \"route\", \"probe\")\nmodparam(\"routerun\", \"timer\", 1)"));
             LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread timer = new Thread(() -> {
                for (int i = 0; i < 300 && !stop.get(); i++) {
                    long us = h.script.modules().core().calls().sb_timers_run_due();
                    try {
                        Thread.sleep(Math.max(1, Math.min(us / 1000, 20)));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-timer");
            timer.start();
            var site = h.script.modules().bind(h.script.modules().lookup("rr_timer_ok", 0, 1), List.of());
            boolean ran = false;
            try {
                h.load(ScriptHarness.INVITE);
                for (int i = 0; i < 200 && !ran; i++) {
                    ran = site.call(h.ctx) > 0;
                    Thread.sleep(20);
                }
            } finally {
                stop.set(true);
                timer.join();
                site.close();
            }
            assertTrue(ran, "the timer's route run set $du on its own request");
            assertEquals(List.of(), log.messages(), "route[probe] logs nothing on the timer's OPTIONS");
        }
    }
}
