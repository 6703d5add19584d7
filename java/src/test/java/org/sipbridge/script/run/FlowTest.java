package org.sipbridge.script.run;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.RunResult;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Statements and flow: if/else, switch, while, route(), return values, exit, drop. */
class FlowTest {

    /** Runs the main route on the test INVITE and returns what xlog printed. */
    private static List<String> run(String script) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            return log.messages();
        }
    }

    private static RunResult result(String script) {
        try (ScriptHarness h = ScriptHarness.of(script)) {
            return h.request();
        }
    }

    @Test
    void ifElseAndComparisons() {
        assertEquals(List.of("a", "c", "e"), run("""
                route {
                    if ($rm == "INVITE") xlog("a"); else xlog("b");
                    if ($rU != "bob") xlog("b"); else xlog("c");
                    if ($rm == "invite" && $rd =~ "^biloxi\\.") xlog("e");
                }
                """));
    }

    @Test
    void switchFallsThroughUntilBreak() {
        assertEquals(List.of("invite", "any", "default"), run("""
                route {
                    switch ($rm) {
                        case "REGISTER": xlog("register");
                        case "INVITE": xlog("invite");
                        case "BYE": xlog("any"); break;
                        default: xlog("never");
                    }
                    switch ($cs) {
                        case 1: xlog("one"); break;
                        default: xlog("default");
                    }
                }
                """));
    }

    @Test
    void whileCountsAndStopsAtTheBound() {
        try (ScriptHarness h = ScriptHarness.of("""
                route {
                    $var(i) = 0;
                    while ($var(i) < 3) { $var(i) = $var(i) + 1; }
                    xlog("i=$var(i)");
                    while (1) { $var(i) = $var(i) + 1; }
                    xlog("after=$var(i)");
                }
                """); LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture script = new LogCapture("org.sipbridge.script", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("i=3", "after=10003"), xlog.messages());
            assertEquals(List.of("t.cfg:5:5: runaway while: more than 10000 loops, leaving it"), script.messages());
        }
    }

    @Test
    void routeReturnValuesGoToRcAndConditions() {
        assertEquals(List.of("rc=-2", "rc=1", "last=-1", "false"), run("""
                route {
                    route(neg); xlog("rc=$rc");
                    route(plain); xlog("rc=$retcode");
                    route(lastcall); xlog("last=$rc");
                    if (isflagset(3)) xlog("true"); else xlog("false");
                }
                route[neg] { return(-2); xlog("not reached"); }
                route[plain] { $var(x) = 1; return; }
                route[lastcall] { isflagset(5); }
                """));
    }

    @Test
    void exitDropAndZeroReturnsEndTheScript() {
        assertEquals(RunResult.EXITED, result("route { exit; xlog(\"no\"); }"));
        assertEquals(RunResult.DROPPED, result("route { route(x); xlog(\"no\"); } route[x] { drop; }"));
        assertEquals(RunResult.EXITED, result("route { route(x); xlog(\"no\"); } route[x] { return(0); }"));
        assertEquals(RunResult.COMPLETED, result("route { route(x); } route[x] { return(-1); }"));
        assertEquals(RunResult.COMPLETED, result("route { xlog(\"L_DBG\", \"x\"); }"));
        assertEquals(List.of("before"), run("route { xlog(\"before\"); if (pvtest_int(\"0\")) xlog(\"then\"); xlog(\"after\"); }"
                + " loadmodule \"pvtest.so\""));
    }

    @Test
    void recursionIsBoundedAt100() {
        try (ScriptHarness h = ScriptHarness.of("""
                route { $var(n) = 0; route(r); xlog("n=$var(n) rc=$rc"); }
                route[r] { $var(n) = $var(n) + 1; route(r); }
                """); LogCapture xlog = new LogCapture("xlog", Level.DEBUG);
             LogCapture script = new LogCapture("org.sipbridge.script", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("n=100 rc=-1"), xlog.messages());
            assertEquals(List.of("t.cfg:2:35: too many recursive route() calls (101), giving up on route[r]"),
                    script.messages());
        }
    }
}
