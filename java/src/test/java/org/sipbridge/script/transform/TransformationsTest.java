package org.sipbridge.script.transform;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** OpenSIPS 1.11's transformations, each with the value 1.11 gives. */
class TransformationsTest {

    /** The xlog lines of a route run on the harness's INVITE. */
    private static List<String> xlog(String body) {
        try (ScriptHarness h = ScriptHarness.of("route {\n" + body + "\n}\n");
             LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            return log.messages();
        }
    }

    /** $(var(x){transformations}) with $var(x) = value. */
    private static String apply(String value, String transformations) {
        value = value == null ? "" : value;
        String v = value.startsWith("int:") ? value.substring(4) : "\"" + value.replace("\"", "\\\"") + "\"";
        return xlog("$var(x) = " + v + ";\nxlog(\"[$(var(x)" + transformations + ")]\");").get(0);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // s.*
            "hello|{s.len}|[5]", "int:12345|{s.len}|[5]", "|{s.len}|[0]",
            "42|{s.int}|[42]", "-7|{s.int}|[-7]", "4x|{s.int}|[<null>]",
            "abc|{s.md5}|[900150983cd24fb0d6963f7d28e17f72]",
            "abc|{s.crc32}|[3403398717]",
            "MiXeD 1|{s.tolower}|[mixed 1]", "MiXeD 1|{s.toupper}|[MIXED 1]",
            "AB|{s.encode.hexa}|[4142]", "4142|{s.decode.hexa}|[AB]", "41zz|{s.decode.hexa}|[<null>]",
            "ff|{s.hex2dec}|[255]", "int:255|{s.dec2hex}|[ff]", "-1|{s.dec2hex}|[ffffffff]",
            "a'b|{s.escape.common}|[a\\'b]", "a\\'b|{s.unescape.common}|[a'b]",
            "a b@c|{s.escape.user}|[a%20b%40c]", "a%20b%40c|{s.unescape.user}|[a b@c]",
            "a b;c|{s.escape.param}|[a%20b%3bc]", "a%3bb|{s.unescape.param}|[a;b]", "a%0Ab|{s.unescape.user}|[<null>]",
            "abcdef|{s.substr,1,3}|[bcd]", "abcdef|{s.substr,2,0}|[cdef]", "abcdef|{s.substr,-2,0}|[ef]",
            "abcdef|{s.substr,-4,2}|[cd]", "abcdef|{s.substr,4,10}|[ef]", "abcdef|{s.substr,6,1}|[<null>]",
            "a,b,c|{s.select,1,,}|[b]", "a,b,c|{s.select,2,,}|[c]", "a,b,c|{s.select,-1,,}|[c]",
            "a,b,c|{s.select,-3,,}|[a]", "a,b,c|{s.select,5,,}|[]", "x:y|{s.select,0,:}|[x]",
            "hello world|{s.index,o}|[4]", "hello world|{s.index,o,5}|[7]", "hello world|{s.index,z}|[-1]",
            "hello world|{s.rindex,o}|[7]", "hello world|{s.rindex,o,6}|[4]", "hello world|{s.index,o,-4}|[7]",
            "hello world|{s.index,world}|[6]",
            // uri.*
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.user}|[bob]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.passwd}|[pw]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.host}|[example.com]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.domain}|[example.com]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.port}|[5070]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.params}|[transport=tcp;lr;x=1]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.param,X}|[1]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.param,nope}|[]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.headers}|[h=v]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.transport}|[tcp]",
            "sip:bob:pw@example.com:5070;transport=tcp;lr;x=1?h=v|{uri.lr}|[]",
            "sip:+123@gw;user=phone;maddr=10.0.0.1;ttl=5;method=INVITE;r2=on|{uri.uparam}|[phone]",
            "sip:+123@gw;user=phone;maddr=10.0.0.1;ttl=5;method=INVITE;r2=on|{uri.maddr}|[10.0.0.1]",
            "sip:+123@gw;user=phone;maddr=10.0.0.1;ttl=5;method=INVITE;r2=on|{uri.ttl}|[5]",
            "sip:+123@gw;user=phone;maddr=10.0.0.1;ttl=5;method=INVITE;r2=on|{uri.method}|[INVITE]",
            "sip:+123@gw;user=phone;maddr=10.0.0.1;ttl=5;method=INVITE;r2=on|{uri.r2}|[on]",
            "sip:example.com|{uri.user}|[]", "sip:example.com|{uri.port}|[]", "not a uri|{uri.user}|[<null>]",
            // param.*
            "a=1;b=two;c|{param.value,b}|[two]", "a=1;b=two;c|{param.value,B}|[two]", "a=1;b=two;c|{param.value,z}|[]",
            "a=1;b=\"q v\";c|{param.value,b}|[q v]",
            "a=1;b=two;c|{param.exist,c}|[1]", "a=1;b=two;c|{param.exist,z}|[0]",
            "a=1;b=two;c|{param.valueat,1}|[two]", "a=1;b=two;c|{param.valueat,-3}|[1]", "a=1;b=two;c|{param.valueat,5}|[]",
            "a=1;b=two;c|{param.name,2}|[c]", "a=1;b=two;c|{param.name,-2}|[b]", "a=1;b=two;c|{param.count}|[3]",
            // nameaddr.*
            "\"Bob B\" <sip:bob@example.com>;tag=9;x=1|{nameaddr.name}|[\"Bob B\"]",
            "\"Bob B\" <sip:bob@example.com>;tag=9;x=1|{nameaddr.uri}|[sip:bob@example.com]",
            "\"Bob B\" <sip:bob@example.com>;tag=9;x=1|{nameaddr.param,tag}|[9]",
            "\"Bob B\" <sip:bob@example.com>;tag=9;x=1|{nameaddr.param,TAG}|[]",
            "\"Bob B\" <sip:bob@example.com>;tag=9;x=1|{nameaddr.params}|[tag=9;x=1]",
            "<sip:bob@example.com>|{nameaddr.len}|[21]", "<sip:bob@example.com>|{nameaddr.name}|[]",
            // ip.*
            "10.1.2.3|{ip.isip}|[1]", "::1|{ip.isip}|[1]", "example.com|{ip.isip}|[0]",
            "10.1.2.3|{ip.pton}{ip.family}|[INET]", "::1|{ip.pton}{ip.family}|[INET6]",
            "10.1.2.3|{ip.pton}{ip.ntop}|[10.1.2.3]", "10.1.2.3|{ip.pton}{s.len}|[4]", "x|{ip.pton}|[<null>]",
            "localhost|{ip.resolve}{ip.isip}|[1]",
            // chains
            "sip:Bob@Example.COM|{uri.host}{s.tolower}{s.len}|[11]",
            "\"A\" <sip:alice@atlanta.example.com;transport=udp>|{nameaddr.uri}{uri.param,transport}{s.toupper}|[UDP]"})
    void everyTransformation(String value, String transformations, String expected) {
        assertEquals(expected, apply(value, transformations));
    }

    @Test
    void transformationsOfMessagePseudoVariablesInEveryPlace() {
        assertEquals(List.of("user bob, 3 chars", "long user", "assigned 3", "host biloxi.example.com",
                        "tag 9fxced76sl", "second X-Multi two", "switch bob"),
                xlog("""
                        xlog("user $(ru{uri.user}), $(rU{s.len}) chars");
                        if ($(rU{s.len}) > 2 && $(ru{uri.user}) == "bob") xlog("long user");
                        $var(n) = $(rU{s.len});
                        xlog("assigned $var(n)");
                        xlog("host $(tu{uri.host})");
                        xlog("tag $(hdr(From){nameaddr.param,tag})");
                        xlog("second X-Multi $(hdr(X-Multi)[1]{s.tolower})");
                        switch ($(ru{uri.user})) { case "bob": xlog("switch bob"); break; }
                        """));
    }

    @Test
    void parametersMayBePseudoVariables() {
        assertEquals(List.of("[bcd] [two] [1]"), xlog("""
                $var(s) = "abcdef"; $var(o) = 1; $var(l) = 3; $var(p) = "a=1;b=two"; $var(n) = "b";
                $var(i) = 0;
                xlog("[$(var(s){s.substr,$var(o),$var(l)})] [$(var(p){param.value,$var(n)})] [$(var(p){param.valueat,$var(i)})]");
                """));
    }

    @Test
    void cFixupsSeeTransformations() {
        try (ScriptHarness h = ScriptHarness.of("""
                loadmodule "pvtest.so"
                route { pvtest_log("len=$(rU{s.len}) host=$(ru{uri.host})"); pvtest_int("$(rU{s.len})"); xlog("rc=$rc"); }
                """); LogCapture c = new LogCapture("pvtest", Level.DEBUG); LogCapture x = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("pvtest_log: log [len=3 host=biloxi.example.com]"), c.messages());
            assertEquals(List.of("rc=3"), x.messages());
        }
    }

    @Test
    void badTransformationsAreLocated() {
        assertEquals("t.cfg:1:21: unknown transformation '{s.lenght}', expected one of ", error("xlog(\"$(rU{s.lenght})\");")
                .replaceAll("expected one of .*", "expected one of "));
        assertEquals("t.cfg:1:23: unknown transformation family '{tobody.*}' (OpenSIPS 1.11 has none; {nameaddr.*} reads a "
                + "To or From body), expected one of {s.*}, {uri.*}, {param.*}, {nameaddr.*}, {ip.*}",
                error("xlog(\"$(hdr(To){tobody.uri})\");"));
        assertEquals("t.cfg:1:18: transformation family '{csv.*}' is not supported by sipbridge, expected one of {s.*}, "
                + "{uri.*}, {param.*}, {nameaddr.*}, {ip.*}", error("xlog(\"$(rU{csv.count})\");"));
        assertEquals("t.cfg:1:28: bad parameters for transformation '{s.substr}', expected two numbers or pseudo-variables "
                + "(offset, length)", error("xlog(\"$(rU{s.substr,x,1})\");"));
        assertEquals("t.cfg:1:18: bad parameters for transformation '{uri.param}', expected one parameter (a name or a "
                + "pseudo-variable)", error("xlog(\"$(rU{uri.param})\");"));
        assertEquals("t.cfg:1:18: unclosed transformation '{s.len', expected '}' closing it", error("xlog(\"$(rU{s.len\");"));
        assertEquals("t.cfg:1:8: pseudo-variable '$(rU{s.len})' is read-only, expected one of $avp(name), $du, $rU, $rd, "
                + "$rp, $ru, $var(name)", error("$(rU{s.len}) = 1;"));
    }

    private static String error(String body) {
        return assertThrows(ConfigException.class, () -> ScriptHarness.of("route {" + body + "}").close()).getMessage();
    }
}
