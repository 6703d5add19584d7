package org.sipbridge.script.ast;

/** The {@code [...]} part of a pseudo-variable: {@code [2]}, {@code [-1]}, {@code [*]} or {@code [$var(i)]}. */
public sealed interface PvIndex {

    SourceLocation location();

    /** A fixed position; negative values count from the last one. */
    record Position(int value, SourceLocation location) implements PvIndex {
    }

    /** {@code [*]}: every value. */
    record All(SourceLocation location) implements PvIndex {
    }

    /** A position read from another pseudo-variable at run time. */
    record Variable(PseudoVariable variable, SourceLocation location) implements PvIndex {
    }
}
