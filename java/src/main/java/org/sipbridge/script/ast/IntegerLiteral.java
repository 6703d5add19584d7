package org.sipbridge.script.ast;

/** A 32-bit signed integer; a leading {@code -} or {@code +} belongs to the literal. */
public record IntegerLiteral(int value, SourceLocation location) implements Expression, Argument {
}
