package org.sipbridge.script.parse;

import org.sipbridge.script.ast.Format;
import org.sipbridge.script.ast.PseudoVariable;

/**
 * Pseudo-variables in text that does not come from the configuration file: parameters C
 * modules hand to pv_parse_spec / pv_parse_format at run time, and Java functions
 * re-reading their arguments. Same grammar as in the file; locations name {@code origin}
 * with line 1 and the column inside the text.
 */
public final class PvText {

    /** One pseudo-variable at the start of text, and where it ends. */
    public record Spec(PseudoVariable variable, int end) {
    }

    private PvText() {
    }

    /** The text split into literal parts and pseudo-variables (like pv_parse_format). */
    public static Format format(String origin, String text) {
        SourceText source = new SourceText(origin, text);
        int[] offsets = new int[text.length() + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i;
        }
        return FormatParser.parse(new DecodedString(text, offsets, source), source);
    }

    /** The pseudo-variable that starts text (like pv_parse_spec); ConfigException when none does. */
    public static Spec spec(String origin, String text) {
        SourceText source = new SourceText(origin, text);
        if (!PvScanner.startsVariable(text, 0, text.length())) {
            throw new ConfigException(source.locationOf(0), "'" + text + "' is not a pseudo-variable",
                    "a name such as $ru or $var(x)");
        }
        PvScanner.Result r = new PvScanner(text, text.length(), source::locationOf).scan(0);
        return new Spec(r.variable(), r.end());
    }
}
