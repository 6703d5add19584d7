package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipbridge.script.parse.Parsing.at;
import static org.sipbridge.script.parse.Parsing.mainRoute;
import static org.sipbridge.script.parse.Parsing.parse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.IntegerSetting;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.StringLiteral;

/** Comments, white space, columns and string escapes. */
class LexicalTest {

    private static String firstArgument(String call) {
        return ((StringLiteral) ((FunctionCall) mainRoute(call).get(0)).arguments().get(0)).text();
    }

    @Test
    void allThreeCommentStylesAreSkipped() {
        Script s = parse("""
                # hash comment
                children=2 // slash comment
                /* block
                   comment */ log_level=1
                /* nested /* comments */ still comment */ udp_receivers=3
                """);
        assertEquals(List.of(new IntegerSetting("children", 2, at(2, 1)), new IntegerSetting("log_level", 1, at(4, 15)),
                new IntegerSetting("udp_receivers", 3, at(5, 43))), s.globals());
    }

    @Test
    void commentMarkersInsideStringsAreText() {
        assertEquals("a # b // c /* d */", firstArgument("f(\"a # b // c /* d */\");"));
    }

    @Test
    void tabsCountAsOneColumnAndCrLfEndsLines() {
        Script s = parse("\t\tchildren=2\r\n\tlog_level=1\r\n");
        assertEquals(at(1, 3), s.globals().get(0).location());
        assertEquals(at(2, 2), s.globals().get(1).location());
    }

    @Test
    void doubleQuotedEscapes() {
        assertEquals("q\" b\\ n\n r\r t\t", firstArgument("f(\"q\\\" b\\\\ n\\n r\\r t\\t\");"));
        assertEquals("^\\+1\\d", firstArgument("f(\"^\\+1\\d\");"), "other backslashes stay for regexes");
        assertEquals("joined", firstArgument("f(\"join\\\ned\");"), "backslash-newline continues the string");
        assertEquals("two\nlines", firstArgument("f(\"two\nlines\");"));
    }

    @Test
    void singleQuotedStringsHaveNoEscapes() {
        assertEquals("a\\n\"b", firstArgument("f('a\\n\"b');"));
    }

    @Test
    void keywordsNeedWholeWords() {
        FunctionCall call = (FunctionCall) mainRoute("route_me(); iffy();").get(0);
        assertEquals("route_me", call.name());
    }

    @Test
    void settingsWithAndWithoutSemicolons() {
        Script s = parse("children=2; log_level=1 udp_receivers=3;;\nloadmodule \"a.so\" loadmodule \"b.so\";");
        assertEquals(3, s.globals().size());
        assertEquals(2, s.modules().size());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertEquals(at(1, 1), parse("\uFEFFchildren=2").globals().get(0).location());
    }

    @Test
    void emptyFileIsAnEmptyScript() {
        Script s = parse("  # nothing\n");
        assertEquals(0, s.globals().size() + s.modules().size() + s.modParams().size() + s.blocks().size());
    }
}
