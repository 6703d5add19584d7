package org.sipbridge.script.expr;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Patterns of {@code =~} and {@code !~}. OpenSIPS compiles them with POSIX regcomp
 * (REG_EXTENDED | REG_ICASE | REG_NOSUB) and searches anywhere in the value; here they are
 * java.util.regex patterns, case-insensitive, searched with find(). The POSIX bracket
 * classes ([[:digit:]] ...) are translated; back-references and the other Java-only or
 * POSIX-only corners differ, which ordinary SIP patterns do not use.
 */
public final class PosixRegex {
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("[:alpha:]", "\\p{Alpha}"), Map.entry("[:digit:]", "\\p{Digit}"),
            Map.entry("[:alnum:]", "\\p{Alnum}"), Map.entry("[:upper:]", "\\p{Upper}"),
            Map.entry("[:lower:]", "\\p{Lower}"), Map.entry("[:space:]", "\\s"),
            Map.entry("[:punct:]", "\\p{Punct}"), Map.entry("[:xdigit:]", "\\p{XDigit}"),
            Map.entry("[:blank:]", " \\t"), Map.entry("[:cntrl:]", "\\p{Cntrl}"),
            Map.entry("[:print:]", "\\p{Print}"), Map.entry("[:graph:]", "\\p{Graph}"));

    private PosixRegex() {
    }

    /** The compiled pattern; PatternSyntaxException when it is not a valid expression. */
    public static Pattern compile(String posix) {
        String java = posix;
        for (Map.Entry<String, String> e : CLASSES.entrySet()) {
            java = java.replace(e.getKey(), e.getValue());
        }
        return Pattern.compile(java, Pattern.CASE_INSENSITIVE);
    }

    /** The problem with a pattern, or null when it compiles. */
    public static String problem(String posix) {
        try {
            compile(posix);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }
}
