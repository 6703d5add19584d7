package org.sipbridge.script.parse;

import java.util.Optional;

import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.PvIndex;
import org.sipbridge.script.ast.SourceLocation;

/**
 * Reads one pseudo-variable starting at a {@code $}. Shared by the lexer (variables in the
 * script) and the format parser (variables inside strings), which is why it works on any
 * character sequence and asks a {@link Locator} where a character came from.
 *
 * <p>Grammar: {@code $name}, {@code $name(inner)}, {@code $name(inner)[index]}, or
 * {@code $(name[(inner)][[index]])}. A name is a letter or {@code _} followed by letters,
 * digits, {@code _} and inner dots ({@code $err.class}; a trailing dot, as in
 * {@code "got $rm."}, ends the name). A bare {@code $name} takes no index, so
 * {@code "$rU[at]"} stays text after {@code $rU}. The inner text may hold nested parentheses
 * but not a line break. An index is an integer (possibly negative), {@code *} or another
 * pseudo-variable. The bracketed form may end with transformations,
 * {@code $(ru{uri.user}{s.len})} (see {@link TransformParser}). Either form may start with
 * 1.11's pv context, {@code $(<request>hdr(X))}, {@code $<reply>rs}.
 */
final class PvScanner {

    /** Maps an index of the scanned text to its place in the file. */
    interface Locator {
        SourceLocation at(int index);
    }

    record Result(PseudoVariable variable, int end) {
    }

    private final CharSequence text;
    private final int limit;
    private final Locator locator;

    PvScanner(CharSequence text, int limit, Locator locator) {
        this.text = text;
        this.limit = limit;
        this.locator = locator;
    }

    /** True when {@code $} at {@code at} is followed by something that can only be a pseudo-variable. */
    static boolean startsVariable(CharSequence text, int at, int limit) {
        if (at + 1 >= limit || text.charAt(at) != '$') {
            return false;
        }
        char next = text.charAt(at + 1);
        return next == '(' || next == '<' || isNameStart(next);
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /** Scans the variable whose {@code $} is at {@code start}; malformed syntax is a located error. */
    Result scan(int start) {
        int p = start + 1;
        boolean bracketed = p < limit && text.charAt(p) == '(';
        if (bracketed) {
            p++;
        }
        Optional<String> context = Optional.empty();
        if (p < limit && text.charAt(p) == '<') {   // 1.11's pv context: $(<request>hdr(X))
            int ctxStart = ++p;
            while (p < limit && isNameChar(text.charAt(p))) {
                p++;
            }
            if (p >= limit || text.charAt(p) != '>' || p == ctxStart) {
                throw new ConfigException(locator.at(start), "unclosed pv context in '"
                        + text.subSequence(start, Math.min(limit, p + 1)) + "'", "$(<request>name) or $(<reply>name)");
            }
            context = Optional.of(text.subSequence(ctxStart, p).toString());
            p++;
        }
        if (p >= limit || !isNameStart(text.charAt(p))) {
            String what = bracketed ? "'$(' is not followed by a pseudo-variable name"
                                    : "'$' is not followed by a pseudo-variable name";
            throw new ConfigException(locator.at(start), what,
                    "a name such as $ru or $var(x)" + (bracketed ? "" : ", or '(' for the $(...) form"));
        }
        int nameStart = p;
        while (p < limit && (isNameChar(text.charAt(p)) || innerDot(p))) {
            p++;
        }
        String name = text.subSequence(nameStart, p).toString();
        String shown = (bracketed ? "$(" : "$") + name;

        Optional<String> inner = Optional.empty();
        Optional<PseudoVariable> innerVariable = Optional.empty();
        if (p < limit && text.charAt(p) == '(') {
            int close = matchingParenthesis(p);
            if (close < 0) {
                throw new ConfigException(locator.at(p), "unclosed '(' in pseudo-variable '" + shown + "'",
                        "')' on the same line");
            }
            if (close == p + 1) {
                throw new ConfigException(locator.at(p), "empty parentheses in pseudo-variable '" + shown + "()'",
                        "a name between '(' and ')'");
            }
            inner = Optional.of(text.subSequence(p + 1, close).toString());
            innerVariable = wholeVariable(p + 1, close);
            p = close + 1;
        }

        Optional<PvIndex> index = Optional.empty();
        if ((bracketed || inner.isPresent()) && p < limit && text.charAt(p) == '[') {
            Result indexed = scanIndex(p, shown);
            index = Optional.of(indexOf(indexed, p, shown));
            p = indexed.end();
        }

        java.util.List<org.sipbridge.script.ast.PvTransform> transforms = new java.util.ArrayList<>();
        if (bracketed) {
            while (p < limit && text.charAt(p) == '{') {
                TransformParser.Result t = new TransformParser(text, limit, locator).parse(p);
                transforms.add(t.transform());
                p = t.end();
            }
            if (p >= limit || text.charAt(p) != ')') {
                String found = p >= limit ? "end of text" : "'" + text.charAt(p) + "'";
                throw new ConfigException(locator.at(p < limit ? p : start),
                        "unexpected " + found + " in pseudo-variable '" + text.subSequence(start, p) + "'",
                        "')' closing '$('");
            }
            p++;
        }
        PseudoVariable pv = new PseudoVariable(name, inner, innerVariable, index, bracketed, transforms,
                text.subSequence(start, p).toString(), locator.at(start), context);
        return new Result(pv, p);
    }

    /** A dot inside a name such as {@code err.class}: followed by another name character. */
    private boolean innerDot(int at) {
        return text.charAt(at) == '.' && at + 1 < limit && isNameChar(text.charAt(at + 1));
    }

    /** The index of the ')' matching the '(' at {@code open}, or -1 when the line or text ends first. */
    private int matchingParenthesis(int open) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return -1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code $avp($var(n))}: the inner text is itself exactly one variable. */
    private Optional<PseudoVariable> wholeVariable(int from, int to) {
        if (!startsVariable(text, from, to)) {
            return Optional.empty();
        }
        Result nested = new PvScanner(text, to, locator).scan(from);
        return nested.end() == to ? Optional.of(nested.variable()) : Optional.empty();
    }

    /**
     * Finds the end of {@code [...]} at {@code open}. The result's variable is set only for a
     * {@code [$pv]} index; for the other forms the caller reads the text between the brackets.
     */
    private Result scanIndex(int open, String shown) {
        int from = open + 1;
        if (startsVariable(text, from, limit)) {
            Result nested = scan(from);
            if (nested.end() >= limit || text.charAt(nested.end()) != ']') {
                throw new ConfigException(locator.at(open), "unclosed '[' in pseudo-variable '" + shown + "'", "']'");
            }
            return new Result(nested.variable(), nested.end() + 1);
        }
        for (int i = from; i < limit && text.charAt(i) != '\n'; i++) {
            if (text.charAt(i) == ']') {
                return new Result(null, i + 1);
            }
        }
        throw new ConfigException(locator.at(open), "unclosed '[' in pseudo-variable '" + shown + "'", "']'");
    }

    private PvIndex indexOf(Result indexed, int open, String shown) {
        SourceLocation where = locator.at(open);
        if (indexed.variable() != null) {
            return new PvIndex.Variable(indexed.variable(), where);
        }
        String body = text.subSequence(open + 1, indexed.end() - 1).toString();
        if (body.equals("*")) {
            return new PvIndex.All(where);
        }
        if (body.matches("-?[0-9]+")) {
            java.math.BigInteger value = new java.math.BigInteger(body);
            if (value.bitLength() < Integer.SIZE) {
                return new PvIndex.Position(value.intValueExact(), where);
            }
            throw new ConfigException(where, "index " + body + " is out of range in pseudo-variable '" + shown + "'",
                    "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        throw new ConfigException(where, "bad index '[" + body + "]' in pseudo-variable '" + shown + "'",
                "an integer, '*' or a pseudo-variable");
    }
}
