package org.sipbridge.runtime;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 1.11's long pseudo-variable names ($ruri.user, $from.domain...) in the script and from C
 * (pvspec module), the 1.11 spec kinds C modules test (avpops tells a URI source by
 * PVT_FROM, dialplan's default input is $ruri.user), and the 1.11 shape of an $avp spec
 * with a literal name (avpops reads its id from the name).
 */
class PvLongNamesTest {

    private static List<String> run(String script) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            return List.copyOf(log.messages());
        }
    }

    @Test
    void longNamesAreTheShortOnesInTheScript() {
        // the harness's INVITE: sip:bob@biloxi.example.com, From alice@atlanta.example.com
        assertEquals(List.of("bob biloxi.example.com sip:bob@biloxi.example.com",
                        "alice atlanta.example.com sip:alice@atlanta.example.com",
                        "bob biloxi.example.com sip:bob@biloxi.example.com",
                        "sip:bob@biloxi.example.com udp 192.0.2.10",
                        "carol"),
                run("""
                        route {
                            xlog("$ruri.user $ruri.domain $ruri");
                            xlog("$from.user $from.domain $from");
                            xlog("$to.user $to.domain $to");
                            xlog("$ouri $proto $src_ip");
                            $ruri.user = "carol";
                            xlog("$rU");
                        }
                        """));
    }

    @Test
    void cModulesSeeTheKindsAndValuesOf111() {
        List<String> out = run("""
                loadmodule "pvspec.so"
                route {
                    if (ps_kind("$ruri.user", "RURI_USERNAME") && ps_kind("$rU", "RURI_USERNAME")) xlog("ruri.user");
                    if (ps_kind("$ru", "RURI") && ps_kind("$ruri", "RURI")) xlog("ruri");
                    if (ps_kind("$fu", "FROM") && ps_kind("$from", "FROM") && ps_kind("$from.domain", "FROM_DOMAIN")) xlog("from");
                    if (ps_kind("$tu", "TO") && ps_kind("$to.user", "TO_USERNAME")) xlog("to");
                    if (ps_kind("$ou", "OURI") && ps_kind("$ouri", "OURI") && ps_kind("$du", "DSTURI")) xlog("ouri duri");
                    if (ps_kind("$pr", "PROTO") && ps_kind("$si", "SRCIP") && ps_kind("$ci", "CALLID")) xlog("others");
                    if (ps_kind("$hdr(X-Multi)", "HDR") && ps_kind("$var(v)", "SCRIPTVAR") && ps_kind("$avp(a)", "AVP")) xlog("named");
                    if (ps_kind("$T_reply_code", "OTHER")) xlog("not a core name");
                    if (ps_value("$ruri.user", "bob") && ps_value("$from.domain", "atlanta.example.com")) xlog("values");
                    $avp(color) = "blue";
                    $avp(color) = "green";
                    if (ps_static_avp("$avp(color)", "green")) xlog("static avp name");
                    if (ps_new_avp()) xlog("new_avp refused");
                }
                """);
        assertEquals(List.of("ruri.user", "ruri", "from", "to", "ouri duri", "others", "named", "not a core name",
                "values", "static avp name", "new_avp refused"), out);
    }
}
