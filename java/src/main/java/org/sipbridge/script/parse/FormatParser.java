package org.sipbridge.script.parse;

import java.util.ArrayList;
import java.util.List;

import org.sipbridge.script.ast.Format;
import org.sipbridge.script.ast.FormatPart;
import org.sipbridge.script.ast.LiteralText;

/**
 * Splits a decoded string into literal text and pseudo-variables, like OpenSIPS's
 * pv_parse_format. A {@code $} followed by a letter, {@code _} or {@code (} starts a
 * variable and must be well formed; any other {@code $} is plain text.
 */
final class FormatParser {

    private FormatParser() {
    }

    static Format parse(DecodedString string, SourceText source) {
        String value = string.value();
        PvScanner.Locator locator = i -> source.locationOf(string.sourceOffsets()[i]);
        PvScanner scanner = new PvScanner(value, value.length(), locator);

        List<FormatPart> parts = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < value.length()) {
            if (PvScanner.startsVariable(value, i, value.length())) {
                addLiteral(parts, value, literalStart, i, locator);
                PvScanner.Result scanned = scanner.scan(i);
                parts.add(scanned.variable());
                i = scanned.end();
                literalStart = i;
            } else {
                i++;
            }
        }
        addLiteral(parts, value, literalStart, value.length(), locator);
        return new Format(parts);
    }

    private static void addLiteral(List<FormatPart> parts, String value, int from, int to,
                                   PvScanner.Locator locator) {
        if (from < to) {
            parts.add(new LiteralText(value.substring(from, to), locator.at(from)));
        }
    }
}
