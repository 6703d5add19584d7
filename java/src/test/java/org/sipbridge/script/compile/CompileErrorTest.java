package org.sipbridge.script.compile;

import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.script.parse.ConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every kind of line the compile phase refuses, with its exact message. */
class CompileErrorTest {

    private static String error(String script) {
        return assertThrows(ConfigException.class, () -> ScriptHarness.of(script).close()).getMessage();
    }

    @Test
    void unknownFunction() {
        assertEquals("t.cfg:2:5: unknown command <no_such_function>, missing loadmodule?",
                error("route {\n    no_such_function(\"x\");\n}"));
    }

    @Test
    void functionWithAnotherParameterCount() {
        assertEquals("t.cfg:1:9: wrong number of parameters for <sl_send_reply>: 1 given, it takes 2",
                error("route { sl_send_reply(\"404\"); }"));
    }

    @Test
    void functionRefusedInTheBlockOfACaller() {
        assertEquals("t.cfg:3:17: Command <mf_process_maxfwd_header> cannot be used in the block route|onreply_route "
                        + "(module maxfwd allows it in: route)",
                error("""
                        loadmodule "maxfwd.so"
                        route { route(common); }
                        route[common] { mf_process_maxfwd_header("10"); }
                        onreply_route { route(common); }
                        """.replace("route[common] {", "route[common] {")));
    }

    @Test
    void undefinedRoute() {
        assertEquals("t.cfg:1:9: route(missing) calls a route that is not defined, expected a route[missing] block",
                error("route { route(missing); }"));
    }

    @Test
    void unknownPseudoVariable() {
        String msg = error("route {\n  xlog(\"x=$nope\");\n}");
        assertEquals("t.cfg:2:11: unknown pseudo-variable '$nope', expected one of ", msg.substring(0, msg.indexOf("one of ") + 7));
    }

    @Test
    void readOnlyPseudoVariable() {
        assertEquals("t.cfg:1:9: pseudo-variable '$rm' is read-only, expected one of $avp(name), $du, $rU, $rd, $rp, "
                + "$ru, $var(name)", error("route { $rm = \"BYE\"; }"));
    }

    @Test
    void pseudoVariableShapes() {
        assertEquals("t.cfg:1:13: pseudo-variable '$hdr' needs a name, expected $hdr(name)",
                error("route { if (\"$hdr\" == \"\") exit; }".replace("\"$hdr\"", "$hdr")));
        assertEquals("t.cfg:1:19: pseudo-variable '$ru' takes no index, expected '$ru'",
                error("route { xlog(\"$(ru[1])\"); }"));
    }

    @Test
    void modparamBeforeItsModule() {
        assertEquals("t.cfg:1:1: no module matching <maxfwd> found, expected a loadmodule of it before this line",
                error("modparam(\"maxfwd\", \"max_limit\", 16)\nloadmodule \"maxfwd.so\"\nroute { exit; }"));
    }

    @Test
    void modparamOfAnotherType() {
        assertEquals("t.cfg:2:1: type mismatch for parameter <max_limit> in module <maxfwd>: it takes an integer, "
                        + "the configuration gives a string",
                error("loadmodule \"maxfwd.so\"\nmodparam(\"maxfwd\", \"max_limit\", \"16\")\n"));
    }

    @Test
    void loadmoduleOfAMissingFile() {
        String dir = org.sipbridge.testing.TestModules.dir().toString();
        assertEquals("t.cfg:1:1: could not find module <nothere.so> (tried [" + dir + "/nothere.so, " + dir
                + "/nothere/nothere.so])", error("loadmodule \"nothere.so\"\n"));
    }

    @Test
    void refusedFixupNamesTheCall() {
        assertEquals("t.cfg:3:3: fixup of mf_process_maxfwd_header (module maxfwd) refused parameter 1 \"300\" "
                + "(returned -6)",
                error("loadmodule \"maxfwd.so\"\nroute {\n  mf_process_maxfwd_header(\"300\");\n}"));
    }

    @Test
    void javaFunctionArgumentsAreCheckedAtStart() {
        assertEquals("t.cfg:1:9: sl_send_reply: bad reply code <99>, expected a number from 100 to 699",
                error("route { sl_send_reply(\"99\", \"x\"); }"));
        assertEquals("t.cfg:1:9: xlog: unknown log level <L_LOUD>, expected L_ALERT, L_CRIT, L_ERR, L_WARN, "
                + "L_NOTICE, L_INFO, L_DBG or -3..4", error("route { xlog(\"L_LOUD\", \"x\"); }"));
        assertEquals("t.cfg:1:9: setflag: the flag must be a name or a number, not <$var(x)>", error("route { setflag(\"$var(x)\"); }"));
    }

    @Test
    void badConstantPattern() {
        assertEquals("t.cfg:1:20: bad regular expression \"a(\": Unclosed group, expected a POSIX extended "
                + "regular expression", error("route { if ($ru =~ \"a(\") exit; }"));
    }

    @Test
    void networkOnlyAgainstAnAddressKeyword() {
        assertEquals("t.cfg:1:20: a network (10.0.0.0/8) is only compared with src_ip or dst_ip, expected "
                + "'src_ip == 10.0.0.0/8'", error("route { if ($si == 10.0.0.0/8) exit; }"));
    }
}
