package org.sipbridge.script.ast;

import java.util.Optional;

/**
 * A pseudo-variable as written: {@code $name}, {@code $name(inner)}, {@code $name(inner)[index]}
 * or the bracketed {@code $(name(inner)[index])}. The parser accepts any name; the later
 * phase refuses unknown or read-only ones at {@link #location()}.
 *
 * @param name          e.g. {@code ru}, {@code hdr}, {@code var}, {@code T_reply_code}
 * @param inner         the text between the parentheses, verbatim ({@code From} in {@code $hdr(From)})
 * @param innerVariable present when the inner text is exactly one pseudo-variable, a name
 *                      computed at run time as in {@code $avp($var(n))}
 * @param index         the {@code [...]} part
 * @param bracketed     written in the {@code $( ... )} form
 * @param transformations the {@code {family.name,params}} chain of the bracketed form, in order
 * @param text          the exact spelling, for messages
 * @param location      where the {@code $} is (inside a string: the {@code $}'s place in the file)
 * @param context       1.11's pv context, {@code request} in {@code $(<request>hdr(X))}: the
 *                      variable is read on the message a module's context function gives
 */
public record PseudoVariable(
        String name,
        Optional<String> inner,
        Optional<PseudoVariable> innerVariable,
        Optional<PvIndex> index,
        boolean bracketed,
        java.util.List<PvTransform> transformations,
        String text,
        SourceLocation location,
        Optional<String> context) implements Expression, FormatPart {

    public PseudoVariable {
        transformations = java.util.List.copyOf(transformations);
    }

    public PseudoVariable(String name, Optional<String> inner, Optional<PseudoVariable> innerVariable,
            Optional<PvIndex> index, boolean bracketed, java.util.List<PvTransform> transformations, String text,
            SourceLocation location) {
        this(name, inner, innerVariable, index, bracketed, transformations, text, location, Optional.empty());
    }

    /** The same variable read on the current message (the context dropped). */
    public PseudoVariable withoutContext() {
        return new PseudoVariable(name, inner, innerVariable, index, bracketed, transformations, text, location);
    }

    @Override
    public String toString() {
        return text;
    }
}
