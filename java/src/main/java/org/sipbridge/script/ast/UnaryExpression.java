package org.sipbridge.script.ast;

/** {@code op operand}; the location is the operator's. */
public record UnaryExpression(UnaryOperator operator, Expression operand, SourceLocation location)
        implements Expression {
}
