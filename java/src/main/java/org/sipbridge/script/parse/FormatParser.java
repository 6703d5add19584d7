package org.sipbridge.script.parse;

import java.util.ArrayList;
import java.util.List;

import org.sipbridge.script.ast.Format;
import org.sipbridge.script.ast.FormatPart;
import org.sipbridge.script.ast.LiteralText;

/**
 * Splits a decoded string into literal text and pseudo-variables, like OpenSIPS's
 * pv_parse_format. A {@code $} followed by a letter, {@code _} or {@code (} starts a
 * variable and must be well formed; {@code $$} is one literal {@code $} (OpenSIPS's marker
 * variable); any other {@code $} is plain text.
 */
final class FormatParser {

    private FormatParser() {
    }

    static Format parse(DecodedString string, SourceText source) {
        String value = string.value();
        PvScanner.Locator locator = i -> source.locationOf(string.sourceOffsets()[i]);
        PvScanner scanner = new PvScanner(value, value.length(), locator);

        List<FormatPart> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int literalStart = 0;
        int i = 0;
        while (i < value.length()) {
            if (PvScanner.startsVariable(value, i, value.length())) {
                addLiteral(parts, literal, literalStart, locator);
                PvScanner.Result scanned = scanner.scan(i);
                parts.add(scanned.variable());
                i = scanned.end();
                literalStart = i;
            } else {
                literal.append(value.charAt(i));
                boolean marker = value.startsWith("$$", i);
                i += marker ? 2 : 1;
            }
        }
        addLiteral(parts, literal, literalStart, locator);
        return new Format(parts);
    }

    private static void addLiteral(List<FormatPart> parts, StringBuilder literal, int from,
                                   PvScanner.Locator locator) {
        if (literal.length() > 0) {
            parts.add(new LiteralText(literal.toString(), locator.at(from)));
            literal.setLength(0);
        }
    }
}
