package org.sipbridge.script.flags;

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
 * Named flags with OpenSIPS 1.11's meaning: a name (or a number, which 1.11 treats as a name)
 * gets the next free bit on first use, modules first (mod_init), then the script (fixups), and
 * the script and C modules (include/flags.h) share the names.
 */
class NamedFlagsTest {

    @Test
    void namesAreBitsInOrderOfFirstUseSharedWithModules() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "flagtest.so"
                modparam("flagtest", "log_flag", "ACC_DO")
                modparam("flagtest", "nat_bflag", "NAT")
                route {
                    setflag(ACC_MISSED);
                    if (flagtest_marked()) xlog("marked too early");
                    setflag(ACC_DO);
                    if (flagtest_marked()) xlog("C sees ACC_DO");
                    xlog("mf=$mf");
                    flagtest_names();
                    flagtest_bits();
                    resetflag(ACC_DO);
                    if (!isflagset(ACC_DO)) xlog("reset");
                    flagtest_set();
                    if (isflagset(ACC_DO)) xlog("Java sees C's flag");
                    setflag(7);
                    xlog("mf=$mf");
                }
                """); LogCapture x = new LogCapture("xlog", Level.DEBUG);
             LogCapture c = new LogCapture("flagtest", Level.DEBUG)) {
            h.request();
            // ACC_DO: bit 0 (acc-like module, mod_init); ACC_MISSED: bit 1; "7": bit 2
            assertEquals(List.of("C sees ACC_DO", "mf=ACC_MISSED ACC_DO", "reset", "Java sees C's flag",
                    "mf=7 ACC_MISSED ACC_DO"), x.messages());
            assertTrue(c.messages().contains("flagtest_names: names [ACC_MISSED ACC_DO]"), c.messages().toString());
            // NAT is bit 0 of the branch kind: mask 1; "ACC_DO NAT_X" -> ACC_DO only (NAT_X unknown)
            assertTrue(c.messages().contains("flagtest_bits: bits 0 1 1"), c.messages().toString());
            assertEquals(0b111, h.ctx.flags());
        }
    }

    @Test
    void numericModparamFlagsAreNamesToo() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "flagtest.so"
                modparam("flagtest", "log_flag_id", 3)
                route {
                    setflag(FIRST);
                    setflag(3);
                    if (flagtest_marked()) xlog("same flag");
                }
                """); LogCapture x = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("same flag"), x.messages());
            // "3" was named by the module first: bit 0; FIRST bit 1
            assertEquals(0b11, h.ctx.flags());
        }
    }

    @Test
    void aParameterExportedAsStringAndAsIntegerTakesEither() {
        // 1.11's modparam picks the export of the value's type (usrloc's nat_bflag, acc's flags)
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "flagtest.so"
                modparam("flagtest", "log_flag", 3)
                route {
                    setflag(3);
                    if (flagtest_marked()) xlog("same flag");
                }
                """); LogCapture x = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("same flag"), x.messages());
        }
    }

    @Test
    void tcpNoNewConnBflagIsNamedBeforeTheModules() {
        try (ScriptHarness h = ScriptHarness.of("""
                tcp_no_new_conn_bflag=TCP_NO_CONN
                loadmodule "flagtest.so"
                modparam("flagtest", "log_flag", "ACC_DO")
                modparam("flagtest", "nat_bflag", "NAT")
                route { flagtest_bits(); }
                """); LogCapture c = new LogCapture("flagtest", Level.DEBUG)) {
            h.request();
            // TCP_NO_CONN is branch bit 0 (named while the settings are read), so NAT is bit 1: mask 2
            assertTrue(c.messages().contains("flagtest_bits: bits 0 2 1"), c.messages().toString());
        }
    }

    @Test
    void scriptAndBranchFlags() {
        try (ScriptHarness h = ScriptHarness.of("""
                route {
                    setsflag(S_ONE);
                    setscriptflag(S_TWO);
                    resetsflag(S_ONE);
                    if (issflagset(S_TWO) && !isscriptflagset(S_ONE)) xlog("script flags");
                    setbflag(NAT);
                    setbranchflag(0, RTP);
                    if (isbflagset(NAT) && isbranchflagset(0, RTP)) xlog("branch flags $bf");
                    resetbflag(0, NAT);
                    xlog("bf=$bf sf=$sf");
                    resetsflag(S_TWO);
                }
                """); LogCapture x = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("script flags", "branch flags RTP NAT", "bf=RTP sf=S_TWO"), x.messages());
            h.request(); // branch flags are per message
        }
    }

    @Test
    void flagErrorsAreLocated() {
        ConfigException e = assertThrows(ConfigException.class, () -> ScriptHarness.of("route { setbflag(2, NAT); }").close());
        assertEquals("t.cfg:1:9: setbflag: branch 2 is not supported: only branch 0 (the request itself) has flags "
                + "without the transaction layer", e.getMessage());
        ConfigException fl = assertThrows(ConfigException.class, () -> ScriptHarness.of("route { xlog(\"$fl\"); }").close());
        assertEquals("t.cfg:1:15: unknown pseudo-variable '$fl' (OpenSIPS 1.11 has no $fl), expected $mf for the message "
                + "flags, $bf for the branch flags, $sf for the script flags", fl.getMessage());
        ConfigException word = assertThrows(ConfigException.class, () -> ScriptHarness.of("route { xlog(ACC); }").close());
        assertEquals("t.cfg:1:14: unexpected 'ACC', expected a string or an integer argument", word.getMessage());
        StringBuilder many = new StringBuilder("route {");
        for (int i = 0; i < 33; i++) {
            many.append(" setflag(F").append(i).append(");");
        }
        ConfigException full = assertThrows(ConfigException.class, () -> ScriptHarness.of(many + " }").close());
        assertEquals("t.cfg:1:447: setflag: no flag bit for 'F32': all 32 flags of this kind are named", full.getMessage());
    }
}
