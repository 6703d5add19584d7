package org.sipbridge.script.ast;

/**
 * A condition or an assignment's right-hand side. Operands are evaluated later, on a
 * message; {@code +} means string concatenation or integer addition depending on the
 * run-time values, as in OpenSIPS.
 */
public sealed interface Expression
        permits BinaryExpression, UnaryExpression, PseudoVariable, StringLiteral, IntegerLiteral,
                NullLiteral, Myself, KeywordOperand, IpLiteral, FunctionCall {

    SourceLocation location();
}
