package org.sipbridge.script.ast;

/**
 * A quoted string inside a route block.
 *
 * @param text   the string with its escapes decoded and its pseudo-variables not expanded:
 *               what a module function receives as its raw parameter
 * @param format {@code text} split into literal text and pseudo-variables, for functions
 *               that print it ({@code xlog}) and for expressions
 */
public record StringLiteral(String text, Format format, SourceLocation location)
        implements Expression, Argument {
}
