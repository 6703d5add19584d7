package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.script.parse.Parsing.at;
import static org.sipbridge.script.parse.Parsing.mainRoute;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipbridge.script.ast.Assignment;
import org.sipbridge.script.ast.Format;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.LiteralText;
import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.PvIndex;
import org.sipbridge.script.ast.StringLiteral;

/** Pseudo-variables as assignment targets (line 1, column 8) and inside strings. */
class PseudoVariableTest {

    private static PseudoVariable target(String pv) {
        return ((Assignment) mainRoute(pv + " = 1;").get(0)).target();
    }

    /** The format of the single string argument of {@code f("...")}, whose text starts at column 11. */
    private static Format format(String content) {
        FunctionCall call = (FunctionCall) mainRoute("f(\"" + content + "\");").get(0);
        return ((StringLiteral) call.arguments().get(0)).format();
    }

    /** A compact picture of a format: literal text in quotes, variables by spelling, each with its column. */
    private static List<String> picture(Format format) {
        return format.parts().stream()
                .map(p -> (p instanceof LiteralText t ? "'" + t.text() + "'" : ((PseudoVariable) p).text())
                        + "@" + p.location().column())
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$rm", "$ru", "$rU", "$rd", "$rp", "$rs", "$rr", "$fu", "$fU", "$fd", "$ft", "$tu", "$tU",
            "$td", "$tt", "$ci", "$cs", "$si", "$sp", "$Ri", "$Rp", "$pr", "$ua", "$du", "$mb", "$ml", "$rb", "$Ts",
            "$pp", "$retcode", "$rc", "$mi", "$fn", "$ct", "$cl", "$ai", "$di", "$dd", "$dp", "$oU", "$od", "$op",
            "$ou", "$proto", "$T_reply_code", "$err.class"})
    void plainNamesAreKeptAsWritten(String pv) {
        PseudoVariable parsed = target(pv);
        assertEquals(pv.substring(1), parsed.name());
        assertEquals(Optional.empty(), parsed.inner());
        assertEquals(Optional.empty(), parsed.index());
        assertFalse(parsed.bracketed());
        assertEquals(pv, parsed.text());
        assertEquals(at(1, 8), parsed.location());
    }

    @Test
    void innerName() {
        PseudoVariable from = target("$hdr(From)");
        assertEquals("hdr", from.name());
        assertEquals(Optional.of("From"), from.inner());
        assertEquals(Optional.empty(), from.innerVariable());
        assertEquals(Optional.of("s:caller"), target("$avp(s:caller)").inner());
        assertEquals(Optional.of("f(x)"), target("$json(f(x))").inner(), "nested parentheses stay in the inner text");
    }

    @Test
    void indexForms() {
        assertEquals(Optional.of(new PvIndex.Position(2, at(1, 17))), target("$hdr(Via)[2]").index());
        assertEquals(Optional.of(new PvIndex.Position(-1, at(1, 15))), target("$avp(x)[-1]").index());
        assertEquals(Optional.of(new PvIndex.All(at(1, 15))), target("$avp(x)[*]").index());

        PvIndex byVariable = target("$avp(x)[$var(i)]").index().orElseThrow();
        PseudoVariable i = ((PvIndex.Variable) byVariable).variable();
        assertEquals("var", i.name());
        assertEquals(at(1, 16), i.location());
    }

    @Test
    void bracketedForms() {
        PseudoVariable full = target("$(avp(x)[1])");
        assertTrue(full.bracketed());
        assertEquals("avp", full.name());
        assertEquals(Optional.of("x"), full.inner());
        assertEquals(1, ((PvIndex.Position) full.index().orElseThrow()).value());
        assertEquals("$(avp(x)[1])", full.text());

        PseudoVariable nameOnly = target("$(ru)");
        assertTrue(nameOnly.bracketed());
        assertEquals("ru", nameOnly.name());

        PseudoVariable indexWithoutInner = target("$(ct[0])");
        assertEquals(Optional.empty(), indexWithoutInner.inner());
        assertEquals(0, ((PvIndex.Position) indexWithoutInner.index().orElseThrow()).value());
    }

    @Test
    void innerNameFromAnotherVariable() {
        PseudoVariable dynamic = target("$avp($var(name))");
        assertEquals(Optional.of("$var(name)"), dynamic.inner());
        PseudoVariable name = dynamic.innerVariable().orElseThrow();
        assertEquals("var", name.name());
        assertEquals(Optional.of("name"), name.inner());
        assertEquals(at(1, 13), name.location());

        assertEquals(Optional.empty(), target("$hdr(X-$var(n))").innerVariable(), "only a whole inner text is a variable");
    }

    @Test
    void variablesEndWhereOperatorsStart() {
        Assignment a = (Assignment) mainRoute("$var(a)=$var(b)+$rU;").get(0);
        assertEquals("$var(a)", a.target().text());
    }

    @Test
    void formatSplitsTextAndVariables() {
        assertEquals(List.of("'sip:'@11", "$rU@15", "'@'@18", "$rd@19"), picture(format("sip:$rU@$rd")));
        assertEquals(List.of("$hdr(Via)[1]@11", "' and '@23", "$(avp(x)[*])@28"),
                picture(format("$hdr(Via)[1] and $(avp(x)[*])")));
    }

    @Test
    void dollarsThatStartNoVariableAreText() {
        assertEquals(List.of("'cost $5 or $'@11"), picture(format("cost $5 or $")));
        assertEquals(List.of("'^[0-9]+$'@11"), picture(format("^[0-9]+$")));
        assertEquals(List.of("'a$ b'@11"), picture(format("a$ b")));
    }

    @Test
    void doubleDollarIsOneLiteralDollar() {
        assertEquals(List.of("'price: $'@11", "$var(p)@20"), picture(format("price: $$$var(p)")));
    }

    @Test
    void trailingDotAndBareIndexStayText() {
        assertEquals(List.of("'got '@11", "$rm@15", "'.'@18"), picture(format("got $rm.")));
        assertEquals(List.of("$rU@11", "'[at]'@14", "$rd@18"), picture(format("$rU[at]$rd")));
    }

    @Test
    void locationsFollowEscapesAndLineBreaksInsideStrings() {
        Format f = ((StringLiteral) ((FunctionCall) Parsing.parse("route{ f(\"a\\tb\n  $ci\\\"$ft\"); }")
                .mainRoute().orElseThrow().body().get(0)).arguments().get(0)).format();
        assertEquals(List.of("'a\tb\n  '@11", "$ci@3", "'\"'@6", "$ft@8"), picture(f));
        assertEquals(2, f.pseudoVariables().get(0).location().line());
    }

    @Test
    void singleQuotedStringsAreFormatsToo() {
        FunctionCall call = (FunctionCall) mainRoute("f('$ru\\n');").get(0);
        StringLiteral s = (StringLiteral) call.arguments().get(0);
        assertEquals("$ru\\n", s.text(), "single quotes have no escapes");
        assertEquals(List.of("$ru@11", "'\\n'@14"), picture(s.format()));
    }

    @Test
    void emptyAndConstantFormats() {
        assertTrue(format("").parts().isEmpty());
        assertTrue(format("").isConstant());
        assertTrue(format("plain").isConstant());
        assertFalse(format("$ci").isConstant());
    }
}
