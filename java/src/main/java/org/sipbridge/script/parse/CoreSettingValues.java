package org.sipbridge.script.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sipbridge.script.ast.CoreSetting;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.SourceLocation;

/** The values of the {@link SettingCatalog}'s settings, read as the 1.11 grammar reads them. */
final class CoreSettingValues {

    private static final Set<String> YES = Set.of("yes", "true", "on", "enable");
    private static final Set<String> NO = Set.of("no", "false", "off", "disable");
    /** The syslog facilities OpenSIPS 1.11 knows (case does not matter). */
    static final Set<String> FACILITIES = Set.of("LOG_AUTH", "LOG_CRON", "LOG_DAEMON", "LOG_KERN",
            "LOG_LOCAL0", "LOG_LOCAL1", "LOG_LOCAL2", "LOG_LOCAL3", "LOG_LOCAL4", "LOG_LOCAL5", "LOG_LOCAL6",
            "LOG_LOCAL7", "LOG_LPR", "LOG_MAIL", "LOG_NEWS", "LOG_USER", "LOG_UUCP", "LOG_AUTHPRIV", "LOG_FTP",
            "LOG_SYSLOG");
    private static final Set<String> TLS_METHODS = Set.of("SSLv2", "SSLv23", "SSLv3", "TLSv1", "TLSv1_2");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?|\\[[0-9A-Fa-f:.]+\\]");

    private CoreSettingValues() {
    }

    /** The value after the current '='. */
    static CoreSetting parse(TokenStream ts, SettingCatalog.Entry e, String written, SourceLocation at) {
        Object value = switch (e.kind()) {
            case NUMBER -> number(ts, written);
            case STRING -> {
                ts.advance();
                yield ts.expect(TokenKind.STRING, "a quoted string for '" + written + "'").string().value();
            }
            case WORD -> word(ts, e, written);
            case WORD_OR_STRING -> {
                ts.advance();
                if (ts.at(TokenKind.STRING)) {
                    yield ts.advance().string().value();
                }
                yield ts.expect(TokenKind.IDENTIFIER, "a word or a quoted string for '" + written + "'").text();
            }
            case WORD_OR_NUMBER -> {
                ts.advance();
                if (IntegerLiterals.startsInteger(ts)) {
                    yield IntegerLiterals.read(ts, "a number for '" + written + "'").value();
                }
                yield ts.expect(TokenKind.IDENTIFIER, "a word or a number for '" + written + "'").text();
            }
            case FLAG -> {
                ts.advance();
                if (ts.at(TokenKind.INTEGER)) {
                    yield ts.advance().text();
                }
                yield ts.expect(TokenKind.IDENTIFIER, "a flag name for '" + written + "'").text();
            }
            case HOST -> host(ts, written, false);
            case HOST_PORT -> host(ts, written, true);
            case BLACKLIST -> blacklist(ts, written);
        };
        return new CoreSetting(e.name(), value, at);
    }

    private static int number(TokenStream ts, String written) {
        ts.advance();
        Token t = ts.current();
        if (t.is(TokenKind.IDENTIFIER)) {
            String w = t.text().toLowerCase(Locale.ROOT);
            if (YES.contains(w) || NO.contains(w)) {
                ts.advance();
                return YES.contains(w) ? 1 : 0;
            }
        }
        if (!IntegerLiterals.startsInteger(ts)) {
            throw ts.unexpected("a number or yes/no for '" + written + "'");
        }
        IntegerLiteral n = IntegerLiterals.read(ts, "a number for '" + written + "'");
        return n.value();
    }

    private static String word(TokenStream ts, SettingCatalog.Entry e, String written) {
        ts.advance();
        Token t = ts.expect(TokenKind.IDENTIFIER, "a word for '" + written + "'");
        if (e.name().equals("log_facility") && !FACILITIES.contains(t.text().toUpperCase(Locale.ROOT))) {
            throw new ConfigException(t.location(), "bad log facility '" + t.text() + "'",
                    "a syslog facility such as LOG_LOCAL0, LOG_DAEMON or LOG_USER");
        }
        if (e.name().equals("tls_method") && !TLS_METHODS.contains(t.text())) {
            throw new ConfigException(t.location(), "bad tls_method '" + t.text() + "'", String.join(", ", TLS_METHODS));
        }
        return t.text();
    }

    /** An address: quoted, or one raw word (host names have dots the lexer would split). */
    private static String host(TokenStream ts, String written, boolean withPort) {
        SourceText source = ts.source();
        String text;
        SourceLocation where;
        if (ts.quoteFollowsCurrent()) {
            ts.advance();
            Token quoted = ts.advance();
            return quoted.string().value();
        }
        Lexer.RawWord word = ts.rawWordAfterCurrent();
        text = word.text();
        where = source.locationOf(word.offset());
        String host = text;
        if (withPort) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || !text.substring(colon + 1).matches("[0-9]{1,5}")
                    || Integer.parseInt(text.substring(colon + 1)) > 65535) {
                throw new ConfigException(where, "bad address '" + text + "' for '" + written + "'", "HOST:PORT");
            }
            host = text.substring(0, colon);
        }
        if (!HOST.matcher(host).matches()) {
            throw new ConfigException(where, "bad address '" + text + "' for '" + written + "'",
                    "an IP address or a host name" + (withPort ? " and ':PORT'" : ""));
        }
        return text;
    }

    /** {@code name: { ... }} kept as the tokens' text; the braces must balance. */
    private static String blacklist(TokenStream ts, String written) {
        ts.advance();
        StringBuilder sb = new StringBuilder();
        sb.append(ts.expect(TokenKind.IDENTIFIER, "a blacklist name for '" + written + "'").text());
        sb.append(ts.expect(TokenKind.COLON, "':' after the blacklist name").text());
        Token open = ts.expect(TokenKind.LBRACE, "'{' opening the blacklist rules");
        sb.append('{');
        int depth = 1;
        while (depth > 0) {
            if (ts.at(TokenKind.END)) {
                throw new ConfigException(open.location(), "unclosed blacklist", "'}' closing it");
            }
            Token t = ts.advance();
            depth += t.is(TokenKind.LBRACE) ? 1 : t.is(TokenKind.RBRACE) ? -1 : 0;
            sb.append(t.text());
            if (depth > 0 && t.is(TokenKind.COMMA)) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }
}
