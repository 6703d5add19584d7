package org.sipbridge.script.ast;

/** {@code drop;}: stop the script and discard the message (or the reply/branch). */
public record DropStatement(SourceLocation location) implements Statement {
}
