package org.sipbridge.script.ast;

/** {@code left op right}; the location is the operator's, which is what an error about it should point at. */
public record BinaryExpression(BinaryOperator operator, Expression left, Expression right,
                               SourceLocation location) implements Expression {
}
