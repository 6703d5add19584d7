package org.sipbridge.script.ast;

import java.util.List;

/**
 * A string split into literal text and pseudo-variables, in order, like an OpenSIPS
 * {@code pv_elem_t} list. Adjacent literal characters form one {@link LiteralText}; an
 * empty string has no parts. {@code $$} stands for one literal {@code $}, and a {@code $}
 * that does not start a pseudo-variable ({@code "cost: $5"}, a regex's trailing {@code $})
 * is literal text too.
 */
public record Format(List<FormatPart> parts) {

    public Format {
        parts = List.copyOf(parts);
    }

    /** True when printing needs no message: no pseudo-variables. */
    public boolean isConstant() {
        return parts.stream().noneMatch(PseudoVariable.class::isInstance);
    }

    public List<PseudoVariable> pseudoVariables() {
        return parts.stream()
                .filter(PseudoVariable.class::isInstance)
                .map(PseudoVariable.class::cast)
                .toList();
    }
}
