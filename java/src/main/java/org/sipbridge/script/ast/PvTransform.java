package org.sipbridge.script.ast;

import java.util.List;

/**
 * One transformation of a pseudo-variable, as in {@code $(ru{uri.param,transport})}: the
 * family ({@code s}, {@code uri}, {@code param}, {@code nameaddr}, {@code ip}), the name
 * ({@code len}, {@code user}, {@code value}...) and the parameters after the commas.
 * The parser has checked that the family and name exist and the parameters fit.
 */
public record PvTransform(String family, String name, List<Param> params, String text, SourceLocation location) {

    public PvTransform {
        params = List.copyOf(params);
    }

    /** A parameter: text, a number, or a pseudo-variable read at run time. */
    public sealed interface Param {
        /** Literal text (a parameter name, a separator). */
        record Text(String value) implements Param {
        }

        /** A number (substr offsets, valueat positions). */
        record Number(int value) implements Param {
        }

        /** A pseudo-variable, evaluated on each message. */
        record Variable(PseudoVariable variable) implements Param {
        }
    }
}
