package org.sipbridge.script.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sipbridge.script.ast.BooleanSetting;
import org.sipbridge.script.ast.GlobalSetting;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.IntegerSetting;
import org.sipbridge.script.ast.PathSetting;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.ast.StringListSetting;

/**
 * {@code name = value} lines. The settings sipbridge knows, and the value each takes:
 * <ul>
 * <li>{@code listen}: {@code udp:HOST[:PORT]} or {@code tcp:HOST[:PORT]}, quoted or not (see {@link ListenAddressParser});</li>
 * <li>{@code children}, {@code udp_receivers}, {@code tcp_idle_timeout} (seconds): integers of at least 1;</li>
 * <li>{@code log_level} (old name {@code debug}): any integer;</li>
 * <li>{@code log_stderror}: yes/no, true/false, on/off, enable/disable or 1/0;</li>
 * <li>{@code mpath}: a string, a colon-separated list of directories;</li>
 * <li>{@code alias}: {@code host[:port]}, quoted or not, one per line (what {@code myself} also matches);</li>
 * <li>{@code dns_server} (sipbridge's own): {@code IP[:PORT]}, the name server C modules' DNS lookups
 *     (resolve.h) go to, instead of those of /etc/resolv.conf;</li>
 * <li>{@code thread_safe_modules} (sipbridge's own): a string of comma-separated module names
 *     whose code may run on several threads at once.</li>
 * </ul>
 * The {@code ;} after the value is optional, as in OpenSIPS.
 */
final class GlobalSettingParser {

    private enum ValueKind { LISTEN, POSITIVE_INTEGER, INTEGER, BOOLEAN, PATH, MODULE_LIST, ALIAS }

    private static final Map<String, ValueKind> SETTINGS = Map.of(
            "listen", ValueKind.LISTEN,
            "alias", ValueKind.ALIAS,
            "thread_safe_modules", ValueKind.MODULE_LIST,
            "children", ValueKind.POSITIVE_INTEGER,
            "udp_receivers", ValueKind.POSITIVE_INTEGER,
            "tcp_idle_timeout", ValueKind.POSITIVE_INTEGER,
            "log_level", ValueKind.INTEGER,
            "log_stderror", ValueKind.BOOLEAN,
            "mpath", ValueKind.PATH,
            "dns_server", ValueKind.ALIAS);

    private static final Map<String, String> OLD_NAMES = Map.of("debug", "log_level");

    private static final Set<String> YES = Set.of("yes", "true", "on", "enable");
    private static final Set<String> NO = Set.of("no", "false", "off", "disable");

    private final TokenStream ts;

    GlobalSettingParser(TokenStream ts) {
        this.ts = ts;
    }

    /** True when {@code word} names a setting (so a missing '=' can be reported as such). */
    static boolean isSetting(String word) {
        return SETTINGS.containsKey(OLD_NAMES.getOrDefault(word, word)) || SettingCatalog.lookup(word).isPresent()
                || word.equals("avp_aliases") || org.sipbridge.script.ReliabilitySettings.NAMES.contains(word);
    }

    /** All accepted names, sorted, for the "unknown global parameter" message. */
    static String knownNames() {
        Set<String> names = new TreeSet<>(SETTINGS.keySet());
        names.addAll(org.sipbridge.script.ReliabilitySettings.NAMES);
        names.addAll(OLD_NAMES.keySet());
        names.addAll(SettingCatalog.spellings());
        return String.join(", ", names);
    }

    /** The known name closest to a misspelt one: one edit away for short names, more for long ones. */
    static java.util.Optional<String> closest(String written) {
        String best = null;
        int bestDistance = Math.max(1, written.length() / 4) + 1;
        for (String n : knownNames().split(", ")) {
            int d = distance(written.toLowerCase(java.util.Locale.ROOT), n);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Parses the value of the setting whose name was just consumed; the current token should be '='. */
    List<GlobalSetting> parse(Token nameToken) {
        String written = nameToken.text();
        String name = OLD_NAMES.getOrDefault(written, written);
        // sipbridge's own reliability settings (module_call_limit, module_lock_timeout);
        // tcp_max_connections and tcp_max_msg_time are 1.11 settings of the catalog, which
        // ReliabilitySettings reads from there
        ValueKind kind = org.sipbridge.script.ReliabilitySettings.NAMES.contains(name) && SettingCatalog.lookup(written).isEmpty()
                ? ValueKind.POSITIVE_INTEGER : SETTINGS.get(name);
        java.util.Optional<SettingCatalog.Entry> core = kind != null ? java.util.Optional.empty() : SettingCatalog.lookup(written);
        if (written.equals("avp_aliases")) {
            throw new ConfigException(nameToken.location(), "'avp_aliases' is no longer supported (OpenSIPS 1.11 refuses it too)",
                    "$avp(name) with the name itself");
        }
        if (kind == null && core.isEmpty()) {
            throw new ConfigException(nameToken.location(), "unknown global parameter '" + written + "'",
                    closest(written).map(c -> "'" + c + "'").orElse("an OpenSIPS 1.11 core setting or one of sipbridge's "
                            + "(udp_receivers, tcp_idle_timeout, thread_safe_modules)"));
        }
        if (!ts.at(TokenKind.ASSIGN)) {
            throw ts.unexpected("'=' after '" + written + "'");
        }
        SourceLocation at = nameToken.location();
        if (kind == null) {
            GlobalSetting setting = CoreSettingValues.parse(ts, core.get(), written, at);
            ts.accept(TokenKind.SEMICOLON);
            return List.of(setting);
        }
        if (kind == ValueKind.LISTEN) {
            List<GlobalSetting> sockets = new ArrayList<>(ListenAddressParser.parse(ts, at));
            ts.accept(TokenKind.SEMICOLON);
            return sockets;
        }
        GlobalSetting setting = switch (kind) {
            case LISTEN -> throw new IllegalStateException();
            case POSITIVE_INTEGER -> new IntegerSetting(name, positiveInteger(written), at);
            case INTEGER -> {
                ts.advance();
                yield new IntegerSetting(name, IntegerLiterals.read(ts, "an integer for '" + written + "'").value(), at);
            }
            case BOOLEAN -> new BooleanSetting(name, yesOrNo(written), at);
            case PATH -> new PathSetting(name, directories(written), at);
            case MODULE_LIST -> new StringListSetting(name, moduleNames(written), at);
            case ALIAS -> new StringListSetting(name, List.of(alias(written)), at);
        };
        ts.accept(TokenKind.SEMICOLON);
        return List.of(setting);
    }

    private int positiveInteger(String written) {
        ts.advance();
        IntegerLiteral value = IntegerLiterals.read(ts, "an integer for '" + written + "'");
        if (value.value() < 1) {
            throw new ConfigException(value.location(), written + " = " + value.value() + " is too small",
                    "an integer of at least 1");
        }
        return value.value();
    }

    private boolean yesOrNo(String written) {
        ts.advance();
        Token value = ts.current();
        String word = value.text().toLowerCase(java.util.Locale.ROOT);
        if (value.is(TokenKind.IDENTIFIER) || value.is(TokenKind.INTEGER)) {
            if (YES.contains(word) || word.equals("1")) {
                ts.advance();
                return true;
            }
            if (NO.contains(word) || word.equals("0")) {
                ts.advance();
                return false;
            }
        }
        throw ts.unexpected("yes or no for '" + written + "'");
    }

    private List<String> directories(String written) {
        ts.advance();
        Token value = ts.expect(TokenKind.STRING, "a quoted directory list for '" + written + "', e.g. \"/usr/lib/sipbridge/modules\"");
        List<String> directories = new ArrayList<>();
        for (String directory : value.string().value().split(":")) {
            if (!directory.isBlank()) {
                directories.add(directory);
            }
        }
        if (directories.isEmpty()) {
            throw new ConfigException(value.location(), "empty module path", "at least one directory");
        }
        return directories;
    }

    private static final java.util.regex.Pattern MODULE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]+");
    private static final java.util.regex.Pattern ALIAS =
            java.util.regex.Pattern.compile("([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    private List<String> moduleNames(String written) {
        ts.advance();
        Token value = ts.expect(TokenKind.STRING, "a quoted list of module names for '" + written + "', e.g. \"tm,sl\"");
        List<String> names = new ArrayList<>();
        for (String n : value.string().value().split(",")) {
            String name = n.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!MODULE_NAME.matcher(name).matches()) {
                throw new ConfigException(value.location(), "bad module name '" + name + "' in '" + written + "'",
                        "module names separated by commas");
            }
            names.add(name);
        }
        return names;
    }

    private String alias(String written) {
        SourceText source = ts.source();
        String text;
        SourceLocation where;
        if (ts.quoteFollowsCurrent()) {
            ts.advance();
            Token quoted = ts.advance();
            text = quoted.string().value();
            where = quoted.location();
        } else {
            Lexer.RawWord word = ts.rawWordAfterCurrent();
            text = word.text();
            where = source.locationOf(word.offset());
        }
        java.util.regex.Matcher m = ALIAS.matcher(text);
        if (!m.matches() || (m.group(3) != null && Integer.parseInt(m.group(3).substring(1)) > 65535)) {
            throw new ConfigException(where, "bad " + written + " '" + text + "'", "host[:port], e.g. sip.example.com:5060");
        }
        return text;
    }
}
