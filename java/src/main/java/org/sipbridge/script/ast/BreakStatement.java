package org.sipbridge.script.ast;

/** {@code break;}: leaves the innermost switch case or while loop (the parser refuses it elsewhere). */
public record BreakStatement(SourceLocation location) implements Statement {
}
