package org.sipbridge.runtime;

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
 * usr_avp.h over the script's $avp store (both directions), module pseudo-variables
 * (module_exports.items) from the script, and register_dynamic_stat (avptest module).
 */
class AvpAndModulePvTest {

    private static List<String> run(String script) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            List<String> first = log.messages();
            h.request();   // a new message: the AVPs of the first are gone
            return first;
        }
    }

    @Test
    void avpsWrittenByCAreReadByTheScriptAndTheOtherWayRound() {
        assertEquals(List.of(
                "script sees pear [pear,apple]",
                "C sees pear",
                "n=42",
                "count=2",
                "after del apple [apple]",
                "name ok",
                "spec ok"), run("""
                loadmodule "avptest.so"
                route {
                    if ($avp(fruit) != NULL) { xlog("left over from the last message"); }
                    $avp(fruit) = "apple";
                    avp_add_c("fruit", "pear");
                    xlog("script sees $avp(fruit) [$avp(fruit)[*]]");
                    if (avp_check("fruit", "pear")) xlog("C sees pear");
                    avp_add_int("n", "42"); xlog("n=$avp(n)");
                    xlog("count=$avpt_count(fruit)");
                    avp_del("fruit", "pear"); xlog("after del $avp(fruit) [$avp(fruit)[*]]");
                    if (avp_name_ok("fruit")) xlog("name ok");
                    if (avp_spec_ok("fruit")) xlog("spec ok");
                }
                """));
    }

    @Test
    void aModulePseudoVariableIsReadAndWrittenFromTheScript() {
        assertEquals(List.of("var=<null>", "var=kept", "count=0"), run("""
                loadmodule "avptest.so"
                route {
                    $avpt_var = NULL;
                    xlog("var=$avpt_var");
                    $avpt_var = "kept";
                    xlog("var=$avpt_var");
                    xlog("count=$avpt_count(none)");
                }
                """));
    }

    @Test
    void anotherModuleUsesTheModulePseudoVariableThroughPvParseSpec() {
        try (ScriptHarness h = ScriptHarness.of("loadmodule \"avptest.so\"\nloadmodule \"pvtest.so\"\n"
                + "route { $avpt_var = \"from script\"; pvtest_log(\"v=$avpt_var\"); }\n");
             LogCapture log = new LogCapture("pvtest", Level.DEBUG)) {
            h.request();
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("[v=from script]")), log.messages().toString());
        }
    }

    @Test
    void anUnknownPseudoVariableIsStillAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ScriptHarness.of("""
                loadmodule "avptest.so"
                route { xlog("$avpt_nope"); }
                """).close());
        assertTrue(e.getMessage().contains("unknown pseudo-variable"), e.getMessage());
    }

    @Test
    void scriptVarListsOfTheCore() {
        assertEquals(List.of("sv 1"), run("loadmodule \"avptest.so\"\n"
                + "route { if ($hdr(X-Second) == NULL) { sv_check(); xlog(\"sv $rc\"); } }\n"));
    }

    @Test
    void dynamicStatisticsAreCreatedOnceAndCount() {
        assertEquals(List.of("stat 2"), run("""
                loadmodule "avptest.so"
                route {
                    if ($hdr(X-Second) == NULL) {
                        stat_bump("dyn_hits"); stat_bump("dyn_hits");
                        if (stat_is("dyn_hits", "2")) xlog("stat 2");
                    }
                }
                """));
    }
}
