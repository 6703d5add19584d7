package org.sipbridge.script.ast;

/** {@code exit;}: stop the script, keeping the message's fate as it is. */
public record ExitStatement(SourceLocation location) implements Statement {
}
