package org.sipbridge.runtime;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * name_alias.h from C (aliastest module), the way 1.11's domain module uses it: an alias
 * checker registered in mod_init answers check_self and grep_aliases, run in its own
 * module (it reads a module global); add_alias adds each name once; an unloaded module's
 * checker leaves the list. And received_test, as nathelper calls it.
 */
class NameAliasTest {

    private static List<String> run(String script, String message) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request(message);
            return List.copyOf(log.messages());
        }
    }

    @Test
    void aModulesCheckerAndAddedAliasesAreTheServer() {
        List<String> out = run("""
                loadmodule "aliastest.so"
                modparam("aliastest", "hosted", "hosted.example")
                route {
                    if (al_self("hosted.example") && al_calls_is("1")) xlog("the checker says hosted");
                    if (al_self("HOSTED.EXAMPLE")) xlog("without case");
                    if (!al_self("nobody.example")) xlog("nobody is not");
                    if (al_self("added.example")) xlog("mod_init's add_alias");
                    if (al_grep("hosted.example") && al_grep("added.example") && !al_grep("nobody.example")) xlog("grep_aliases");
                    if (al_add("late.example", "5070")) xlog("late added");
                    if (!al_add("LATE.example", "5070")) xlog("added once");
                    if (al_grep("late.example")) xlog("late is an alias");
                }
                """, ScriptHarness.INVITE);
        assertEquals(List.of("the checker says hosted", "without case", "nobody is not", "mod_init's add_alias",
                "grep_aliases", "late added", "added once", "late is an alias"), out);
    }

    @Test
    void anUnloadedModulesCheckerIsForgotten() {
        // 8 checkers at most at a time: each server's module frees its slot when unloaded
        for (int i = 0; i < 12; i++) {
            List<String> out = run("""
                    loadmodule "aliastest.so"
                    modparam("aliastest", "hosted", "h%d.example")
                    route {
                        if (al_self("h%d.example")) xlog("mine");
                        if (!al_self("h%d.example")) xlog("not the previous one's");
                    }
                    """.formatted(i, i, i - 1), ScriptHarness.INVITE);
            assertEquals(List.of("mine", "not the previous one's"), out, "round " + i);
        }
    }

    @Test
    void receivedTestComparesTheTopViaWithTheSource() {
        String script = """
                loadmodule "aliastest.so"
                route { if (al_received()) xlog("received due"); else xlog("same address"); }
                """;
        // the harness's source is 192.0.2.10:5062
        assertEquals(List.of("same address"), run(script, ScriptHarness.INVITE));
        assertEquals(List.of("received due"),
                run(script, ScriptHarness.INVITE.replace("Via: SIP/2.0/UDP 192.0.2.10:5062", "Via: SIP/2.0/UDP 10.0.0.7:5062")));
        assertEquals(List.of("received due"), run(script, ScriptHarness.INVITE.replace(
                "branch=z9hG4bK74bf9", "branch=z9hG4bK74bf9;received=192.0.2.10")));
    }
}
