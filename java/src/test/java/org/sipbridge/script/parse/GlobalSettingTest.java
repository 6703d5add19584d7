package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipbridge.script.parse.Parsing.at;
import static org.sipbridge.script.parse.Parsing.parse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipbridge.script.ast.BooleanSetting;
import org.sipbridge.script.ast.IntegerSetting;
import org.sipbridge.script.ast.ListenSetting;
import org.sipbridge.script.ast.PathSetting;
import org.sipbridge.script.ast.Transport;

class GlobalSettingTest {

    private static ListenSetting listen(String line) {
        return parse(line).listens().get(0);
    }

    @Test
    void listenForms() {
        assertEquals(new ListenSetting(Transport.UDP, "10.0.0.1", 5060, "udp:10.0.0.1", at(1, 1), false, false, null, 0, 0),
                listen("listen=udp:10.0.0.1"));
        assertEquals(new ListenSetting(Transport.TCP, "sip.example.com", 5070, "TCP:sip.example.com:5070", at(1, 1)),
                listen("listen = TCP:sip.example.com:5070;"));
        assertEquals(new ListenSetting(Transport.UDP, "::1", 5062, "udp:[::1]:5062", at(1, 1)), listen("listen=udp:[::1]:5062"));
        assertEquals(new ListenSetting(Transport.UDP, "*", 5060, "udp:*", at(1, 1), false, false, null, 0, 0),
                listen("listen=udp:*  # all"));
        assertEquals(new ListenSetting(Transport.TCP, "127.0.0.1", 5080, "tcp:127.0.0.1:5080", at(1, 1)),
                listen("listen = \"tcp:127.0.0.1:5080\""));
    }

    @Test
    void severalListenLinesAreAllKept() {
        assertEquals(List.of(5060, 5061, 5062),
                parse("listen=udp:1.1.1.1\nlisten=tcp:1.1.1.1:5061\nlisten=udp:1.1.1.1:5062\n").listens().stream()
                        .map(ListenSetting::port).toList());
    }

    @Test
    void debugIsTheOldNameOfLogLevel() {
        assertEquals(new IntegerSetting("log_level", -1, at(1, 1)), parse("debug=-1").globals().get(0));
    }

    @Test
    void booleanSpellings() {
        for (String yes : List.of("yes", "true", "on", "enable", "1", "YES")) {
            assertEquals(new BooleanSetting("log_stderror", true, at(1, 1)), parse("log_stderror=" + yes).globals().get(0));
        }
        for (String no : List.of("no", "false", "off", "disable", "0")) {
            assertEquals(new BooleanSetting("log_stderror", false, at(1, 1)), parse("log_stderror=" + no).globals().get(0));
        }
    }

    @Test
    void modulePathIsAColonSeparatedList() {
        assertEquals(new PathSetting("mpath", List.of("/a", "/b/c"), at(1, 1)), parse("mpath=\"/a::/b/c:\"").globals().get(0));
        assertEquals(List.of("/usr/lib/sipbridge/modules/"),
                ((PathSetting) parse("mpath='/usr/lib/sipbridge/modules/'").globals().get(0)).directories());
    }

    @Test
    void sipbridgeSettings() {
        assertEquals(List.of(new IntegerSetting("udp_receivers", 4, at(1, 1)),
                        new IntegerSetting("tcp_idle_timeout", 30, at(2, 1))),
                parse("udp_receivers=4\ntcp_idle_timeout=30").globals());
    }
}
