package org.sipbridge.script.parse;

import org.sipbridge.script.ast.SourceLocation;

/** The parser's one-token window onto the lexer, with the "unexpected X, expected Y" error. */
final class TokenStream {

    private final Lexer lexer;
    private Token current;

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
        this.current = lexer.next();
    }

    SourceText source() {
        return lexer.source();
    }

    Token current() {
        return current;
    }

    boolean at(TokenKind kind) {
        return current.kind() == kind;
    }

    /** Consumes the current token and returns it. */
    Token advance() {
        Token consumed = current;
        current = lexer.next();
        return consumed;
    }

    boolean accept(TokenKind kind) {
        if (at(kind)) {
            advance();
            return true;
        }
        return false;
    }

    Token expect(TokenKind kind, String expected) {
        if (!at(kind)) {
            throw unexpected(expected);
        }
        return advance();
    }

    ConfigException unexpected(String expected) {
        return new ConfigException(current.location(), "unexpected " + current.describe(), expected);
    }

    /** "line 3, column 9": how messages point at a second place, such as an unclosed brace. */
    static String lineAndColumn(SourceLocation location) {
        return "line " + location.line() + ", column " + location.column();
    }

    /** True when the token after the current one (not yet lexed) is a quoted string on this line. */
    boolean quoteFollowsCurrent() {
        return lexer.quoteFollows();
    }

    /** Reads the rest of the line right after the current token (which it consumes), then lexes on. */
    Lexer.RawWord rawLineAfterCurrent() {
        Lexer.RawWord line = lexer.rawLine();
        current = lexer.next();
        return line;
    }

    /** Reads the raw word right after the current token (which it consumes), then lexes on. */
    Lexer.RawWord rawWordAfterCurrent() {
        Lexer.RawWord word = lexer.rawWord();
        current = lexer.next();
        return word;
    }
}
