package org.sipbridge.script.parse;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.sipbridge.script.ast.Constant;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.LoadModule;
import org.sipbridge.script.ast.ModParam;
import org.sipbridge.script.ast.ModuleDialect;

/** {@code loadmodule "x.so" ["opensips"|"openser"]} and {@code modparam("mod", "param", value)}; the ';' is optional. */
final class ModuleDirectiveParser {

    private final TokenStream ts;

    ModuleDirectiveParser(TokenStream ts) {
        this.ts = ts;
    }

    LoadModule loadModule() {
        Token keyword = ts.advance();
        Token path = ts.expect(TokenKind.STRING, "the module file as a string, e.g. loadmodule \"sl.so\"");
        if (path.string().value().isBlank()) {
            throw new ConfigException(path.location(), "empty module name", "a module file such as \"sl.so\"");
        }
        Optional<ModuleDialect> dialect = Optional.empty();
        if (ts.at(TokenKind.STRING)) {
            dialect = Optional.of(dialect(ts.advance()));
        }
        ts.accept(TokenKind.SEMICOLON);
        return new LoadModule(path.string().value(), dialect, keyword.location());
    }

    private static ModuleDialect dialect(Token word) {
        String value = word.string().value();
        return Arrays.stream(ModuleDialect.values())
                .filter(d -> d.token().equals(value.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new ConfigException(word.location(),
                        "unknown module dialect \"" + value + "\"", "\"opensips\" or \"openser\""));
    }

    ModParam modParam() {
        Token keyword = ts.advance();
        ts.expect(TokenKind.LPAREN, "'(' after 'modparam'");
        Constant.Text module = text("the module name as a string");
        ts.expect(TokenKind.COMMA, "',' after the module name");
        Constant.Text parameter = text("the parameter name as a string");
        ts.expect(TokenKind.COMMA, "',' after the parameter name");
        Constant value;
        if (ts.at(TokenKind.STRING)) {
            value = text("a string");
        } else if (IntegerLiterals.startsInteger(ts)) {
            IntegerLiteral number = IntegerLiterals.read(ts, "an integer");
            value = new Constant.Int(number.value(), number.location());
        } else {
            throw ts.unexpected("a string or an integer value for parameter '" + parameter.value() + "'");
        }
        ts.expect(TokenKind.RPAREN, "')' after the modparam value");
        ts.accept(TokenKind.SEMICOLON);
        return new ModParam(module, parameter, value, keyword.location());
    }

    private Constant.Text text(String expected) {
        Token s = ts.expect(TokenKind.STRING, expected);
        return new Constant.Text(s.string().value(), s.location());
    }
}
