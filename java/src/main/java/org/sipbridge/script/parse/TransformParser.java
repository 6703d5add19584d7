package org.sipbridge.script.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sipbridge.script.ast.PvTransform;
import org.sipbridge.script.ast.SourceLocation;

/**
 * One {@code {family.name[,param]...}} of a bracketed pseudo-variable, as OpenSIPS 1.11
 * writes transformations: the family up to the first dot, the name up to a comma or the
 * closing brace (both trimmed, case ignored), each parameter a pseudo-variable or text up
 * to a blank, comma or brace. What each transformation takes is checked here, so a wrong
 * one is refused with the place it is written.
 */
final class TransformParser {

    /** What a transformation's parameters are. */
    private enum Params {
        /** none */
        NONE,
        /** one text or pseudo-variable */
        TEXT,
        /** one number or pseudo-variable */
        NUMBER,
        /** two numbers or pseudo-variables (s.substr) */
        TWO_NUMBERS,
        /** a number or pseudo-variable, then a text (s.select) */
        NUMBER_TEXT,
        /** a text or pseudo-variable, then an optional number or pseudo-variable (s.index) */
        TEXT_OPTIONAL_NUMBER,
        /** one text, no pseudo-variable (nameaddr.param) */
        CONSTANT_TEXT
    }

    private static final Map<String, Map<String, Params>> FAMILIES = Map.of(
            "s", Map.ofEntries(
                    Map.entry("len", Params.NONE), Map.entry("int", Params.NONE), Map.entry("md5", Params.NONE),
                    Map.entry("crc32", Params.NONE), Map.entry("tolower", Params.NONE),
                    Map.entry("toupper", Params.NONE), Map.entry("encode.hexa", Params.NONE),
                    Map.entry("decode.hexa", Params.NONE), Map.entry("hex2dec", Params.NONE),
                    Map.entry("dec2hex", Params.NONE), Map.entry("escape.common", Params.NONE),
                    Map.entry("unescape.common", Params.NONE), Map.entry("escape.user", Params.NONE),
                    Map.entry("unescape.user", Params.NONE), Map.entry("escape.param", Params.NONE),
                    Map.entry("unescape.param", Params.NONE), Map.entry("substr", Params.TWO_NUMBERS),
                    Map.entry("select", Params.NUMBER_TEXT), Map.entry("index", Params.TEXT_OPTIONAL_NUMBER),
                    Map.entry("rindex", Params.TEXT_OPTIONAL_NUMBER)),
            "uri", Map.ofEntries(
                    Map.entry("user", Params.NONE), Map.entry("host", Params.NONE), Map.entry("domain", Params.NONE),
                    Map.entry("passwd", Params.NONE), Map.entry("port", Params.NONE), Map.entry("params", Params.NONE),
                    Map.entry("param", Params.TEXT), Map.entry("headers", Params.NONE),
                    Map.entry("transport", Params.NONE), Map.entry("ttl", Params.NONE), Map.entry("uparam", Params.NONE),
                    Map.entry("maddr", Params.NONE), Map.entry("method", Params.NONE), Map.entry("lr", Params.NONE),
                    Map.entry("r2", Params.NONE)),
            "param", Map.of("value", Params.TEXT, "exist", Params.TEXT, "valueat", Params.NUMBER,
                    "name", Params.NUMBER, "count", Params.NONE),
            "nameaddr", Map.of("name", Params.NONE, "uri", Params.NONE, "len", Params.NONE,
                    "param", Params.CONSTANT_TEXT, "params", Params.NONE),
            "ip", Map.of("family", Params.NONE, "ntop", Params.NONE, "isip", Params.NONE, "pton", Params.NONE,
                    "resolve", Params.NONE));

    private final CharSequence text;
    private final int limit;
    private final PvScanner.Locator locator;

    TransformParser(CharSequence text, int limit, PvScanner.Locator locator) {
        this.text = text;
        this.limit = limit;
        this.locator = locator;
    }

    record Result(PvTransform transform, int end) {
    }

    /** The transformation whose '{' is at {@code open}. */
    Result parse(int open) {
        SourceLocation at = locator.at(open);
        int p = open + 1;
        int classStart = p;
        while (p < limit && text.charAt(p) != '.' && text.charAt(p) != '}' && text.charAt(p) != '\n') {
            p++;
        }
        if (p >= limit || text.charAt(p) != '.' || p == classStart) {
            throw new ConfigException(at, "bad transformation '" + shown(open) + "'", "{family.name}, e.g. {s.len} or {uri.user}");
        }
        String family = text.subSequence(classStart, p).toString().trim().toLowerCase(Locale.ROOT);
        p++;
        int nameStart = p;
        while (p < limit && text.charAt(p) != ',' && text.charAt(p) != '}' && text.charAt(p) != '\n') {
            p++;
        }
        if (p >= limit || text.charAt(p) == '\n') {
            throw new ConfigException(at, "unclosed transformation '" + shown(open) + "'", "'}' closing it");
        }
        String name = text.subSequence(nameStart, p).toString().trim().toLowerCase(Locale.ROOT);
        Map<String, Params> names = FAMILIES.get(family);
        if (names == null) {
            throw new ConfigException(at, unknownFamily(family), "one of {s.*}, {uri.*}, {param.*}, {nameaddr.*}, {ip.*}");
        }
        Params kind = names.get(name);
        if (kind == null) {
            throw new ConfigException(locator.at(nameStart), "unknown transformation '{" + family + "." + name + "}'",
                    "one of " + String.join(", ", new java.util.TreeSet<>(names.keySet())) + " after '" + family + ".'");
        }
        List<PvTransform.Param> params = new ArrayList<>();
        List<Integer> paramAt = new ArrayList<>();
        while (text.charAt(p) == ',') {
            p++;
            if (kind == Params.NUMBER_TEXT && params.size() == 1) {
                // s.select: the separator is the one character after the comma, whatever it is (',' too)
                if (p + 1 >= limit) {
                    throw new ConfigException(at, "unclosed transformation '" + shown(open) + "'", "'}' closing it");
                }
                paramAt.add(p);
                params.add(new PvTransform.Param.Text(String.valueOf(text.charAt(p))));
                p++;
                while (p < limit && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                    p++;
                }
                if (p >= limit || text.charAt(p) != '}') {
                    throw new ConfigException(locator.at(Math.min(p, limit - 1)), "unclosed transformation '"
                            + shown(open) + "'", "'}' after the separator character");
                }
                break;
            }
            while (p < limit && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            paramAt.add(p);
            if (PvScanner.startsVariable(text, p, limit)) {
                PvScanner.Result v = new PvScanner(text, limit, locator).scan(p);
                params.add(new PvTransform.Param.Variable(v.variable()));
                p = v.end();
            } else {
                int start = p;
                while (p < limit && " \t\n,}".indexOf(text.charAt(p)) < 0) {
                    p++;
                }
                params.add(literal(text.subSequence(start, p).toString()));
            }
            while (p < limit && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            if (p >= limit || (text.charAt(p) != ',' && text.charAt(p) != '}')) {
                throw new ConfigException(locator.at(Math.min(p, limit - 1)), "unclosed transformation '" + shown(open) + "'",
                        "',' or '}' after a parameter");
            }
        }
        String written = text.subSequence(open, p + 1).toString();
        check(kind, family + "." + name, params, paramAt, at);
        return new Result(new PvTransform(family, name, params, written, at), p + 1);
    }

    private static String unknownFamily(String family) {
        if (family.equals("tobody")) {
            return "unknown transformation family '{tobody.*}' (OpenSIPS 1.11 has none; {nameaddr.*} reads a To or From body)";
        }
        if (family.equals("via") || family.equals("csv") || family.equals("sdp") || family.equals("re")) {
            return "transformation family '{" + family + ".*}' is not supported by sipbridge";
        }
        return "unknown transformation family '" + family + "'";
    }

    private static PvTransform.Param literal(String s) {
        if (s.matches("-?[0-9]{1,9}")) {
            return new PvTransform.Param.Number(Integer.parseInt(s));
        }
        return new PvTransform.Param.Text(s);
    }

    private void check(Params kind, String what, List<PvTransform.Param> params, List<Integer> paramAt, SourceLocation at) {
        int n = params.size();
        String usage = switch (kind) {
            case NONE -> n == 0 ? null : "no parameter";
            case TEXT -> n == 1 && !isEmptyText(params.get(0)) ? null : "one parameter (a name or a pseudo-variable)";
            case CONSTANT_TEXT -> n == 1 && params.get(0) instanceof PvTransform.Param.Text t && !t.value().isEmpty()
                    ? null : "one parameter name (a constant)";
            case NUMBER -> n == 1 && numeric(params.get(0)) ? null : "one number or pseudo-variable";
            case TWO_NUMBERS -> n == 2 && numeric(params.get(0)) && numeric(params.get(1))
                    ? null : "two numbers or pseudo-variables (offset, length)";
            case NUMBER_TEXT -> n == 2 && numeric(params.get(0)) && params.get(1) instanceof PvTransform.Param.Text t
                    && !t.value().isEmpty() ? null : "a number or pseudo-variable and a separator character";
            case TEXT_OPTIONAL_NUMBER -> (n == 1 || n == 2) && !isEmptyText(params.get(0)) && (n == 1 || numeric(params.get(1)))
                    ? null : "a text or pseudo-variable, and optionally a start position";
        };
        if (usage != null) {
            SourceLocation where = n > 0 ? locator.at(paramAt.get(0)) : at;
            throw new ConfigException(where, "bad parameters for transformation '{" + what + "}'", usage);
        }
    }

    private static boolean isEmptyText(PvTransform.Param p) {
        return p instanceof PvTransform.Param.Text t && t.value().isEmpty();
    }

    private static boolean numeric(PvTransform.Param p) {
        return p instanceof PvTransform.Param.Number || p instanceof PvTransform.Param.Variable;
    }

    private String shown(int open) {
        int end = open;
        while (end < limit && text.charAt(end) != '}' && text.charAt(end) != '\n') {
            end++;
        }
        return text.subSequence(open, Math.min(limit, end + 1)).toString();
    }
}
