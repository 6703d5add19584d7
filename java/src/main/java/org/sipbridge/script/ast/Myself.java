package org.sipbridge.script.ast;

/**
 * {@code myself}: true when compared equal to one of this server's addresses or aliases.
 * The parser only accepts it as an operand of {@code ==} or {@code !=}.
 */
public record Myself(SourceLocation location) implements Expression {
}
