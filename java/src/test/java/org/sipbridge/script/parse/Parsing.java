package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.sipbridge.script.ast.Expression;
import org.sipbridge.script.ast.IfStatement;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.ast.Statement;

/** Shortcuts shared by the parser tests. Snippets are parsed as file "t.cfg". */
final class Parsing {

    static final String FILE = "t.cfg";

    private Parsing() {
    }

    static Script parse(String text) {
        return ScriptParser.parse(FILE, text);
    }

    /** The message of the error {@code text} must be refused with. */
    static String error(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
    }

    /** The statements of {@code route{ body }}, the body starting on line 1, column 8. */
    static List<Statement> mainRoute(String body) {
        return parse("route{ " + body + " }").mainRoute().orElseThrow().body();
    }

    /** The condition of {@code route{ if (condition) {} }}; the condition starts at line 1, column 12. */
    static Expression condition(String condition) {
        return ((IfStatement) mainRoute("if (" + condition + ") {}").get(0)).condition();
    }

    static SourceLocation at(int line, int column) {
        return new SourceLocation(FILE, line, column);
    }

    static String resource(String name) {
        try (InputStream in = Parsing.class.getResourceAsStream("/script/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource script/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
