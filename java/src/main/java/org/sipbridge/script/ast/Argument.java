package org.sipbridge.script.ast;

/**
 * A function argument: a string (with its text and its parsed format) or an integer.
 * Pseudo-variables are passed inside strings, e.g. {@code xlog("ru=$ru\n")}.
 */
public sealed interface Argument permits StringLiteral, IntegerLiteral {

    SourceLocation location();
}
