package org.sipbridge.script.ast;

/** {@code null} / {@code NULL}: "no value" in comparisons, "delete" in assignments. */
public record NullLiteral(SourceLocation location) implements Expression {
}
