package org.sipbridge.script.ast;

/** A core keyword used as an operand: {@code uri}, {@code method}, {@code src_ip}... */
public record KeywordOperand(CoreKeyword keyword, SourceLocation location) implements Expression {
}
