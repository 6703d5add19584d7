package org.sipbridge.script.parse;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;

import org.sipbridge.script.ast.IpLiteral;
import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.SourceLocation;

/**
 * Turns the file into tokens on demand. It never looks further than the token it returns,
 * so the parser can switch it to reading a raw {@code listen} value after {@code =}.
 *
 * <p>Comments ({@code #}, {@code //} to the end of the line, and {@code /* *}{@code /}, which
 * nest as in OpenSIPS) and white space are skipped. Strings: {@code "..."} decodes
 * {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t} and drops a backslash-newline;
 * any other backslash stays, so regular expressions keep theirs. {@code '...'} has no escapes.
 * Both may span lines. Integers are decimal, {@code 0x} hexadecimal or {@code 0}-prefixed
 * octal, as in OpenSIPS; their sign is a separate token.
 */
final class Lexer {

    /** A {@code listen} value read as one word: up to white space, ';' or '#'. */
    record RawWord(String text, int offset) {
    }

    private static final Map<String, TokenKind> WORDS = Map.ofEntries(
            Map.entry("if", TokenKind.IF), Map.entry("else", TokenKind.ELSE),
            Map.entry("switch", TokenKind.SWITCH), Map.entry("case", TokenKind.CASE),
            Map.entry("default", TokenKind.DEFAULT), Map.entry("while", TokenKind.WHILE),
            Map.entry("break", TokenKind.BREAK), Map.entry("return", TokenKind.RETURN),
            Map.entry("exit", TokenKind.EXIT), Map.entry("drop", TokenKind.DROP),
            Map.entry("myself", TokenKind.MYSELF), Map.entry("null", TokenKind.NULL),
            Map.entry("NULL", TokenKind.NULL),
            Map.entry("loadmodule", TokenKind.LOADMODULE), Map.entry("modparam", TokenKind.MODPARAM),
            Map.entry("route", TokenKind.ROUTE), Map.entry("onreply_route", TokenKind.ONREPLY_ROUTE),
            Map.entry("failure_route", TokenKind.FAILURE_ROUTE),
            Map.entry("branch_route", TokenKind.BRANCH_ROUTE),
            Map.entry("error_route", TokenKind.ERROR_ROUTE), Map.entry("local_route", TokenKind.LOCAL_ROUTE),
            Map.entry("startup_route", TokenKind.STARTUP_ROUTE),
            Map.entry("timer_route", TokenKind.TIMER_ROUTE), Map.entry("event_route", TokenKind.EVENT_ROUTE),
            // OpenSIPS spells the logical operators as words too
            Map.entry("and", TokenKind.AND), Map.entry("or", TokenKind.OR), Map.entry("not", TokenKind.NOT));

    /** OpenSIPS's limit on nested include_file/import_file. */
    static final int MAX_INCLUDE_DEPTH = 10;

    /** Where the including file goes on when an included one ends. */
    private record Suspended(SourceText source, int pos) {
    }

    private SourceText source;
    private String text;
    private int pos;
    private final java.util.ArrayDeque<Suspended> includers = new java.util.ArrayDeque<>();
    private final IncludeReader includes;

    Lexer(SourceText source) {
        this(source, IncludeReader.FILES);
    }

    Lexer(SourceText source, IncludeReader includes) {
        this.source = source;
        this.text = source.text();
        this.includes = includes;
    }

    SourceText source() {
        return source;
    }

    Token next() {
        skipTrivia();
        while (pos >= text.length() && !includers.isEmpty()) {
            Suspended back = includers.pop(); // an included file ended: the includer goes on
            source = back.source();
            text = source.text();
            pos = back.pos();
            skipTrivia();
        }
        if (pos >= text.length()) {
            return token(TokenKind.END, pos, pos, null);
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            return string(c);
        }
        if (c == '$') {
            return pseudoVariable();
        }
        if (isDigit(c)) {
            return number();
        }
        if (PvScanner.isNameStart(c)) {
            return word();
        }
        return symbol();
    }

    /** True when the next non-blank character on this line opens a string. */
    boolean quoteFollows() {
        int p = pos;
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p < text.length() && (text.charAt(p) == '"' || text.charAt(p) == '\'');
    }

    /** Reads an unquoted value such as {@code udp:10.0.0.1:5060}; empty when the line has none. */
    RawWord rawWord() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ';' || c == '#') {
                break;
            }
            pos++;
        }
        return new RawWord(text.substring(start, pos), start);
    }

    /**
     * Reads the rest of the line as one raw value (a {@code listen} list): up to a line
     * break, ';' or '#', trailing blanks dropped; empty when the line has none.
     */
    RawWord rawLine() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r' || c == ';' || c == '#') {
                break;
            }
            pos++;
        }
        int end = pos;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new RawWord(text.substring(start, end), start);
    }

    private void skipTrivia() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || startsWith("//")) {
                skipToEndOfLine();
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2; // OpenSIPS ignores an escaped line break between tokens
            } else {
                return;
            }
        }
    }

    private void skipToEndOfLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            if (startsWith("/*")) {
                depth++;
                pos += 2;
            } else if (startsWith("*/")) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new ConfigException(source.locationOf(start), "unterminated comment", "'*/' before the end of the file");
    }

    private Token string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        int[] offsets = new int[16];
        int n = 0;
        while (pos < text.length()) {
            if (n + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            char c = text.charAt(pos);
            if (c == quote) {
                offsets[n] = pos++;
                return token(TokenKind.STRING, start, pos, new DecodedString(value.toString(), Arrays.copyOf(offsets, n + 1), source));
            }
            boolean escape = quote == '"' && c == '\\' && pos + 1 < text.length();
            if (escape && text.charAt(pos + 1) == '\n') {
                pos += 2; // a backslash-newline continues the string on the next line
                continue;
            }
            int decoded = escape ? escapedCharacter(text.charAt(pos + 1)) : -1;
            offsets[n++] = pos;
            value.append(decoded >= 0 ? (char) decoded : c);
            pos += decoded >= 0 ? 2 : 1;
        }
        throw new ConfigException(source.locationOf(start), "unterminated string",
                "a closing " + (quote == '"' ? "'\"'" : "\"'\"") + " before the end of the file");
    }

    /** The character a {@code \x} escape stands for, or -1 when the backslash is kept as text. */
    private static int escapedCharacter(char x) {
        return switch (x) {
            case '"' -> '"';
            case '\\' -> '\\';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> -1;
        };
    }

    private Token pseudoVariable() {
        int start = pos;
        PvScanner.Result scanned = new PvScanner(text, text.length(), source::locationOf).scan(start);
        pos = scanned.end();
        PseudoVariable pv = scanned.variable();
        return token(TokenKind.PSEUDO_VARIABLE, start, pos, pv);
    }

    private Token number() {
        int start = pos;
        if (startsWith("0x") || startsWith("0X")) {
            pos += 2;
            int digits = pos;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos == digits) {
                throw new ConfigException(source.locationOf(start), "bad hexadecimal integer '" + text.substring(start, pos) + "'",
                        "hexadecimal digits after '0x'");
            }
            return token(TokenKind.INTEGER, start, pos, new BigInteger(text.substring(digits, pos), 16));
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
            return ipv4(start);
        }
        String digits = text.substring(start, pos);
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            if (!digits.chars().allMatch(d -> d >= '0' && d <= '7')) {
                throw new ConfigException(source.locationOf(start), "bad octal integer '" + digits + "'",
                        "only digits 0 to 7 after a leading 0");
            }
            return token(TokenKind.INTEGER, start, pos, new BigInteger(digits, 8));
        }
        return token(TokenKind.INTEGER, start, pos, new BigInteger(digits));
    }

    /** {@code 10.0.0.1} or {@code 10.0.0.0/8}: only meaningful next to src_ip/dst_ip, but cheap to accept. */
    private Token ipv4(int start) {
        while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String address = text.substring(start, pos);
        if (!Ipv4.isValid(address)) {
            throw new ConfigException(source.locationOf(start), "bad IPv4 address '" + address + "'", Ipv4.EXPECTED);
        }
        OptionalInt prefix = OptionalInt.empty();
        if (pos + 1 < text.length() && text.charAt(pos) == '/' && isDigit(text.charAt(pos + 1))) {
            int prefixStart = ++pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
            String bits = text.substring(prefixStart, pos);
            if (bits.length() > 2 || Integer.parseInt(bits) > 32) {
                throw new ConfigException(source.locationOf(prefixStart), "bad prefix length '/" + bits + "'",
                        "a number from 0 to 32");
            }
            prefix = OptionalInt.of(Integer.parseInt(bits));
        }
        IpLiteral ip = new IpLiteral(address, prefix, source.locationOf(start));
        return token(TokenKind.IPV4, start, pos, ip);
    }

    private Token word() {
        int start = pos;
        while (pos < text.length() && PvScanner.isNameChar(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("include_file") || word.equals("import_file")) {
            include(word, start);
            return next();
        }
        // OpenSIPS's "msg:len" is one keyword with a colon in it
        if (word.equals("msg") && startsWith(":len")
                && (pos + 4 >= text.length() || !PvScanner.isNameChar(text.charAt(pos + 4)))) {
            pos += 4;
            return token(TokenKind.IDENTIFIER, start, pos, null);
        }
        return token(WORDS.getOrDefault(word, TokenKind.IDENTIFIER), start, pos, null);
    }

    /**
     * {@code include_file "path"} / {@code import_file "path"}, anywhere a token may stand, as
     * OpenSIPS does it in its lexer: the file's tokens come next. A relative path is tried
     * from the working directory, then beside the including file. A missing file is an error
     * for include_file and skipped for import_file.
     */
    private void include(String word, int start) {
        SourceLocation at = source.locationOf(start);
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw new ConfigException(source.locationOf(pos), "missing file name after '" + word + "'",
                    "a quoted file name, e.g. " + word + " \"routes.cfg\"");
        }
        Token name = string('"');
        String file = name.string().value();
        if (file.isEmpty()) {
            throw new ConfigException(name.location(), "empty file name after '" + word + "'", "a quoted file name");
        }
        if (includers.size() >= MAX_INCLUDE_DEPTH) {
            throw new ConfigException(at, "too many nested includes (" + word + " \"" + file + "\")",
                    "at most " + MAX_INCLUDE_DEPTH + " levels");
        }
        for (Suspended s : includers) {
            if (s.source().file().equals(file)) {
                throw new ConfigException(at, "'" + file + "' includes itself", "no include cycle");
            }
        }
        IncludeReader.Found found;
        try {
            found = includes.read(source.file(), file);
        } catch (java.io.IOException e) {
            throw new ConfigException(name.location(), "cannot read '" + file + "': " + e.getMessage(),
                    "a readable file");
        }
        if (found == null) {
            if (word.equals("import_file")) {
                return; // OpenSIPS skips a missing import silently
            }
            throw new ConfigException(name.location(), "cannot open included file '" + file + "'",
                    "an existing file (relative paths: from the working directory or beside " + source.file() + ")");
        }
        includers.push(new Suspended(source, pos));
        String body = found.text().startsWith("\uFEFF") ? found.text().substring(1) : found.text();
        source = new SourceText(found.name(), body);
        text = body;
        pos = 0;
    }

    private Token symbol() {
        int start = pos;
        char c = text.charAt(pos++);
        char next = pos < text.length() ? text.charAt(pos) : 0;
        TokenKind kind = switch (c) {
            case '(' -> TokenKind.LPAREN;
            case ')' -> TokenKind.RPAREN;
            case '{' -> TokenKind.LBRACE;
            case '}' -> TokenKind.RBRACE;
            case '[' -> TokenKind.LBRACKET;
            case ']' -> TokenKind.RBRACKET;
            case ',' -> TokenKind.COMMA;
            case ';' -> TokenKind.SEMICOLON;
            case '~' -> TokenKind.TILDE;
            case ':' -> pair(next, '=', TokenKind.COLON_ASSIGN, TokenKind.COLON);
            case '=' -> next == '=' ? take(TokenKind.EQ) : pair(next, '~', TokenKind.MATCH, TokenKind.ASSIGN);
            case '!' -> next == '=' ? take(TokenKind.NE) : pair(next, '~', TokenKind.NOT_MATCH, TokenKind.NOT);
            case '<' -> next == '=' ? take(TokenKind.LE) : pair(next, '<', TokenKind.SHL, TokenKind.LT);
            case '>' -> next == '=' ? take(TokenKind.GE) : pair(next, '>', TokenKind.SHR, TokenKind.GT);
            case '&' -> next == '&' ? take(TokenKind.AND) : pair(next, '=', TokenKind.AMP_ASSIGN, TokenKind.AMP);
            case '|' -> next == '|' ? take(TokenKind.OR) : pair(next, '=', TokenKind.PIPE_ASSIGN, TokenKind.PIPE);
            case '+' -> pair(next, '=', TokenKind.PLUS_ASSIGN, TokenKind.PLUS);
            case '-' -> pair(next, '=', TokenKind.MINUS_ASSIGN, TokenKind.MINUS);
            case '*' -> pair(next, '=', TokenKind.STAR_ASSIGN, TokenKind.STAR);
            case '/' -> pair(next, '=', TokenKind.SLASH_ASSIGN, TokenKind.SLASH);
            case '%' -> pair(next, '=', TokenKind.PERCENT_ASSIGN, TokenKind.PERCENT);
            case '^' -> pair(next, '=', TokenKind.CARET_ASSIGN, TokenKind.CARET);
            default -> TokenKind.UNKNOWN;
        };
        return token(kind, start, pos, null);
    }

    /** The two-character kind when {@code next} is {@code second}, else the one-character kind. */
    private TokenKind pair(char next, char second, TokenKind both, TokenKind single) {
        return next == second ? take(both) : single;
    }

    private TokenKind take(TokenKind twoCharacterKind) {
        pos++;
        return twoCharacterKind;
    }

    private Token token(TokenKind kind, int start, int end, Object payload) {
        return new Token(kind, text.substring(start, end), source.locationOf(start), start, payload);
    }

    private boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
